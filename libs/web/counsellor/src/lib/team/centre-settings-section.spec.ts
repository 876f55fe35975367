import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CentreMailResponse, CentreResponse } from '@confidant/shared/api-interfaces';
import { CentreStore, I18n } from '@confidant/web/core';
import { CentreSettingsSection } from './centre-settings-section';
import { TeamAdmin } from './team-admin';

const CENTRE: CentreResponse = {
  name: 'Frauenberatung Teststadt',
  phone: '0123 456789',
  responseDays: 3,
  retentionMonths: 6,
  exitUrl: 'https://exit.example/',
  topics: ['Gewalt'],
  teamPublicKey: null,
};

const MAIL: CentreMailResponse = {
  notificationSender: 'Online-Beratung <noreply@beratung.example>',
  notificationSubject: 'Neuigkeiten im Portal',
  lastNoticeFailure: null,
};

describe('CentreSettingsSection', () => {
  let admin: { mailSettings: jest.Mock; updateCentre: jest.Mock };
  let page: HTMLElement;

  async function render(mail: CentreMailResponse) {
    admin = {
      mailSettings: jest.fn().mockResolvedValue(mail),
      updateCentre: jest.fn().mockResolvedValue(CENTRE),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: TeamAdmin, useValue: admin },
        { provide: CentreStore, useValue: { load: () => undefined, centre: signal(CENTRE) } },
      ],
    });
    const fixture = TestBed.createComponent(CentreSettingsSection);
    await fixture.whenStable();
    fixture.detectChanges();
    page = fixture.nativeElement as HTMLElement;
    return fixture;
  }

  const input = (name: string) =>
    page.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`) as HTMLInputElement;

  it('shows the current sender and subject', async () => {
    await render(MAIL);

    expect(input('notificationSender').value).toBe(MAIL.notificationSender);
    expect(input('notificationSubject').value).toBe(MAIL.notificationSubject);
    expect(page.querySelector('[data-testid="notice-failure"]')).toBeNull();
  });

  it('says why the last notice could not be sent, in German and in English', async () => {
    const fixture = await render({
      ...MAIL,
      lastNoticeFailure: { at: '2026-03-01T10:00:00Z', reason: 'refused', detail: 'SMTP 550' },
    });
    const failure = () => page.querySelector('[data-testid="notice-failure"]')?.textContent ?? '';

    expect(failure()).toContain(
      'Der letzte Hinweis konnte nicht gesendet werden: Der Mailserver hat die E-Mail abgelehnt',
    );
    expect(failure()).toContain('SMTP 550');

    TestBed.inject(I18n).use('en');
    fixture.detectChanges();
    expect(failure()).toContain(
      'The last notice could not be sent: the mail server refused the e-mail',
    );
  });

  it('refuses a sender the mailer would refuse before sending anything', async () => {
    const fixture = await render(MAIL);

    for (const sender of ['Online-Beratung <noreply@localhost>', 'a@b.example, c@d.example']) {
      input('notificationSender').value = sender;
      input('notificationSender').dispatchEvent(new Event('input'));
      (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await fixture.whenStable();
      fixture.detectChanges();

      expect(page.textContent).toContain(
        'Bitte genau eine E-Mail-Adresse mit vollständiger Domain',
      );
    }
    expect(admin.updateCentre).not.toHaveBeenCalled();

    input('notificationSender').value = 'Beratung <info@beratung.example>';
    input('notificationSender').dispatchEvent(new Event('input'));
    (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();

    expect(admin.updateCentre).toHaveBeenCalledWith(
      expect.objectContaining({ notificationSender: 'Beratung <info@beratung.example>' }),
    );
  });
});
