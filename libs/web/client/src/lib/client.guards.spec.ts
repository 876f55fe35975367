import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import { SessionStatus, SessionStore } from '@confidant/web/core';
import { anonymousGuard, lockedGuard, unlockedClientGuard } from './client.guards';

describe('client guards', () => {
  function run(guard: typeof unlockedClientGuard, status: SessionStatus, role = 'client') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: SessionStore,
          useValue: {
            whenKnown: async () => status,
            account: () => (status === 'anonymous' ? null : { role }),
          },
        },
      ],
    });
    return TestBed.runInInjectionContext(() => guard({} as never, {} as never)) as Promise<
      boolean | UrlTree
    >;
  }

  async function target(result: Promise<boolean | UrlTree>) {
    const value = await result;
    return value instanceof UrlTree ? TestBed.inject(Router).serializeUrl(value) : value;
  }

  it('lets only an unlocked client into the client area', async () => {
    expect(await target(run(unlockedClientGuard, 'unlocked'))).toBe(true);
  });

  it('sends a locked session to unlock and an anonymous one to login', async () => {
    expect(await target(run(unlockedClientGuard, 'locked'))).toBe('/entsperren');
    TestBed.resetTestingModule();
    expect(await target(run(unlockedClientGuard, 'anonymous'))).toBe('/anmelden');
  });

  it('keeps staff out of the client area and sends them to their own home', async () => {
    expect(await target(run(unlockedClientGuard, 'unlocked', 'counsellor'))).toBe('/beratung');
    TestBed.resetTestingModule();
    expect(await target(run(anonymousGuard, 'unlocked', 'lead'))).toBe('/beratung');
  });

  it('shows login only without a session, and unlock only when locked', async () => {
    expect(await target(run(anonymousGuard, 'unlocked'))).toBe('/nachrichten');
    TestBed.resetTestingModule();
    expect(await target(run(anonymousGuard, 'anonymous'))).toBe(true);
    TestBed.resetTestingModule();
    expect(await target(run(lockedGuard, 'anonymous'))).toBe('/anmelden');
    TestBed.resetTestingModule();
    expect(await target(run(lockedGuard, 'locked'))).toBe(true);
  });
});
