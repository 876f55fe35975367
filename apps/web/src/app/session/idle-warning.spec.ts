import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@confidant/web/core';
import { IdleWarning } from './idle-warning';

describe('IdleWarning', () => {
  const warning = signal(false);
  const stayLoggedIn = jest.fn().mockResolvedValue(undefined);
  const logout = jest.fn().mockResolvedValue(undefined);

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: SessionStore, useValue: { idleWarning: warning, stayLoggedIn, logout } },
      ],
    });
    const fixture = TestBed.createComponent(IdleWarning);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => {
    warning.set(false);
    jest.clearAllMocks();
  });

  it('stays hidden until two minutes are left, then asks and takes the focus', async () => {
    const { fixture, page } = await render();
    expect(page.querySelector('[role=alertdialog]')).toBeNull();

    warning.set(true);
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));

    const dialog = page.querySelector('[role=alertdialog]');
    expect(dialog?.textContent).toContain('Sie werden in 2 Minuten abgemeldet');
    const stay = Array.from(page.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Angemeldet bleiben'),
    );
    expect(document.activeElement).toBe(stay);

    stay?.click();
    expect(stayLoggedIn).toHaveBeenCalledTimes(1);
  });

  it('logs out at once on request', async () => {
    warning.set(true);
    const { page } = await render();

    Array.from(page.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Jetzt abmelden'))
      ?.click();

    expect(logout).toHaveBeenCalledTimes(1);
  });
});
