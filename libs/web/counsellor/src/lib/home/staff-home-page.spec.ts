import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccountResponse } from '@confidant/shared/api-interfaces';
import { SessionStore } from '@confidant/web/core';
import { StaffHomePage } from './staff-home-page';

describe('StaffHomePage', () => {
  async function render(role: 'counsellor' | 'lead', granted: boolean) {
    const hasTeamKey = signal(granted);
    const account = signal<AccountResponse>({
      id: 'a1',
      username: 'berg',
      role,
      displayName: 'Frau Berg',
      hasEmail: false,
      deletionDate: null,
    });
    // The session check on arrival finds the grant a lead has given meanwhile.
    let answer: () => void = () => undefined;
    const stayLoggedIn = jest.fn(
      () =>
        new Promise<void>((done) => {
          answer = () => {
            hasTeamKey.set(true);
            done();
          };
        }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: SessionStore,
          useValue: { account, hasTeamKey: computed(() => hasTeamKey()), stayLoggedIn },
        },
      ],
    });
    const fixture = TestBed.createComponent(StaffHomePage);
    const page = fixture.nativeElement as HTMLElement;
    return { fixture, page, stayLoggedIn, answer: () => answer() };
  }

  it('tells a counsellor without the team key that she cannot read yet, until the check finds it', async () => {
    const { fixture, page, stayLoggedIn, answer } = await render('counsellor', false);
    await fixture.whenStable();
    expect(page.querySelector('h1')?.textContent).toContain('Willkommen, Frau Berg');
    expect(page.textContent).toContain('(Beraterin)');
    expect(page.querySelector('[data-testid="team-key-status"]')?.textContent?.trim()).toBe(
      'Sie können noch keine Nachrichten lesen, bis eine Leitung Ihnen den Teamschlüssel freigibt.',
    );
    expect(page.querySelector('a[href="/team"]')).toBeNull();

    expect(stayLoggedIn).toHaveBeenCalled();
    answer();
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="team-key-status"]')?.textContent).toContain(
      'Sie haben den Teamschlüssel.',
    );
  });

  it('shows a lead the way to team administration', async () => {
    const { fixture, page } = await render('lead', true);
    await fixture.whenStable();
    expect(page.textContent).toContain('(Leitung)');
    expect(page.querySelector('a[href="/team"]')?.textContent).toContain('Team verwalten');
  });
});
