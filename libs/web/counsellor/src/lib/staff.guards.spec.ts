import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import { SessionStatus, SessionStore } from '@confidant/web/core';
import { enrolGuard, leadGuard, unlockedStaffGuard } from './staff.guards';

describe('staff guards', () => {
  function run(guard: typeof unlockedStaffGuard, status: SessionStatus, role = 'counsellor') {
    TestBed.resetTestingModule();
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

  it('lets unlocked counsellors and leads into the staff area', async () => {
    expect(await target(run(unlockedStaffGuard, 'unlocked', 'counsellor'))).toBe(true);
    expect(await target(run(unlockedStaffGuard, 'unlocked', 'lead'))).toBe(true);
  });

  it('sends a locked session to unlock, an anonymous one to login, a client to her messages', async () => {
    expect(await target(run(unlockedStaffGuard, 'locked'))).toBe('/entsperren');
    expect(await target(run(unlockedStaffGuard, 'anonymous'))).toBe('/anmelden');
    expect(await target(run(unlockedStaffGuard, 'unlocked', 'client'))).toBe('/nachrichten');
  });

  it('opens team administration and statistics to leads only', async () => {
    expect(await target(run(leadGuard, 'unlocked', 'lead'))).toBe(true);
    expect(await target(run(leadGuard, 'unlocked', 'counsellor'))).toBe('/beratung');
    expect(await target(run(leadGuard, 'unlocked', 'client'))).toBe('/nachrichten');
    expect(await target(run(leadGuard, 'anonymous'))).toBe('/anmelden');
  });

  it('shows setup and invitation pages only without a session', async () => {
    expect(await target(run(enrolGuard, 'anonymous'))).toBe(true);
    expect(await target(run(enrolGuard, 'unlocked', 'lead'))).toBe('/beratung');
    expect(await target(run(enrolGuard, 'locked'))).toBe('/entsperren');
  });
});
