import { TestBed } from '@angular/core/testing';
import { CounsellorSummary } from '@confidant/shared/api-interfaces';
import { SessionStore } from '@confidant/web/core';
import { StaffListSection } from './staff-list-section';
import { TeamAdmin } from './team-admin';

const LEAD: CounsellorSummary = {
  id: 'lead-1',
  username: 'leitung',
  displayName: 'Frau Leitung',
  role: 'lead',
  active: true,
  hasTeamKey: true,
  publicKey: 'pk-lead',
};
const COUNSELLOR: CounsellorSummary = {
  id: 'c-1',
  username: 'berg',
  displayName: 'Frau Berg',
  role: 'counsellor',
  active: true,
  hasTeamKey: false,
  publicKey: 'pk-berg',
};

describe('StaffListSection', () => {
  let admin: {
    staff: jest.Mock;
    grantTeamKey: jest.Mock;
    setActive: jest.Mock;
  };
  let page: HTMLElement;

  async function render(staff: CounsellorSummary[]) {
    admin = {
      staff: jest.fn().mockResolvedValue(staff),
      grantTeamKey: jest.fn().mockResolvedValue(undefined),
      setActive: jest.fn().mockResolvedValue(undefined),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: TeamAdmin, useValue: admin },
        { provide: SessionStore, useValue: { account: () => ({ id: 'lead-1' }) } },
      ],
    });
    const fixture = TestBed.createComponent(StaffListSection);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
    return fixture;
  }

  function row(username: string): HTMLElement {
    const found = page.querySelector<HTMLElement>(`li[data-username="${username}"]`);
    if (!found) {
      throw new Error(`no row for ${username}`);
    }
    return found;
  }

  function button(within: HTMLElement, label: string): HTMLButtonElement | undefined {
    return [...within.querySelectorAll('button')].find(
      (candidate) =>
        candidate.getAttribute('aria-label') === label || candidate.textContent?.trim() === label,
    );
  }

  it('shows role, state and team key, and offers no deactivation of her own account', async () => {
    await render([LEAD, COUNSELLOR]);

    expect(row('leitung').textContent).toContain('(Sie)');
    expect(row('leitung').textContent).toContain('Leitung');
    expect(button(row('leitung'), 'Frau Leitung deaktivieren')).toBeUndefined();
    expect(button(row('leitung'), 'Teamschlüssel freigeben für Frau Leitung')).toBeUndefined();
    expect(row('berg').textContent).toContain('Beraterin');
    expect(row('berg').textContent).toContain('hat den Teamschlüssel noch nicht');
    expect(button(row('berg'), 'Frau Berg deaktivieren')).toBeDefined();
  });

  it('grants the team key and shows the new state', async () => {
    const fixture = await render([LEAD, COUNSELLOR]);
    admin.staff.mockResolvedValue([LEAD, { ...COUNSELLOR, hasTeamKey: true }]);

    button(row('berg'), 'Teamschlüssel freigeben für Frau Berg')?.click();
    await fixture.whenStable();

    expect(admin.grantTeamKey).toHaveBeenCalledWith(COUNSELLOR);
    expect(page.textContent).toContain('Frau Berg hat jetzt den Teamschlüssel.');
    expect(button(row('berg'), 'Teamschlüssel freigeben für Frau Berg')).toBeUndefined();
  });

  it('deactivates only after she confirms, and can cancel', async () => {
    const fixture = await render([LEAD, COUNSELLOR]);

    button(row('berg'), 'Frau Berg deaktivieren')?.click();
    await fixture.whenStable();
    expect(row('berg').textContent).toContain('Ihre Sitzungen enden sofort');
    expect(admin.setActive).not.toHaveBeenCalled();
    button(row('berg'), 'Abbrechen')?.click();
    await fixture.whenStable();
    expect(row('berg').textContent).not.toContain('Ihre Sitzungen enden sofort');

    button(row('berg'), 'Frau Berg deaktivieren')?.click();
    await fixture.whenStable();
    admin.staff.mockResolvedValue([LEAD, { ...COUNSELLOR, active: false }]);
    button(row('berg'), 'Deaktivieren')?.click();
    await fixture.whenStable();

    expect(admin.setActive).toHaveBeenCalledWith(COUNSELLOR, false);
    expect(page.textContent).toContain('Frau Berg ist deaktiviert.');
    expect(button(row('berg'), 'Frau Berg wieder aktivieren')).toBeDefined();
  });
});
