import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { CentreResponse } from '@confidant/shared/api-interfaces';
import { QuickExit, SessionStore } from '@confidant/web/core';
import { App } from './app';
import { appRoutes } from './app.routes';
import { NeutralTitleStrategy } from './layout/neutral-title-strategy';

const centre: CentreResponse = {
  name: 'Frauenberatung Teststadt',
  phone: '0123 / 45 67 89',
  responseDays: 2,
  retentionMonths: 6,
  exitUrl: 'https://neutral.example/',
  topics: [],
  teamPublicKey: null,
};

describe('App shell', () => {
  let fixture: ComponentFixture<App>;

  async function render() {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes),
        // As in app.config.ts.
        { provide: TitleStrategy, useExisting: NeutralTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    fixture = TestBed.createComponent(App);
    TestBed.inject(HttpTestingController).expectOne('/api/centre').flush(centre);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it("shows the centre's name, its phone number to dial and its promise", async () => {
    const page = await render();

    expect(page.querySelector('.brand')?.textContent).toContain('Frauenberatung Teststadt');
    const phone = page.querySelector<HTMLAnchorElement>('footer a.phone');
    expect(phone?.textContent).toBe('0123 / 45 67 89');
    expect(phone?.getAttribute('href')).toBe('tel:0123456789');
    expect(page.querySelector('footer')?.textContent).toContain(
      'Wir antworten in der Regel innerhalb von 2 Tagen.',
    );
  });

  it('says on the privacy page how long deleted accounts stay in backups, in both languages', async () => {
    const page = await render();
    await TestBed.inject(Router).navigateByUrl('/datenschutz');
    await settle();

    expect(page.querySelector('main')?.textContent).toContain(
      'Ein gelöschtes Konto ist darum spätestens 7 Tage nach der Löschung auch aus allen Sicherungen verschwunden.',
    );
    page.querySelector<HTMLButtonElement>('button.language')?.click();
    await fixture.whenStable();
    expect(page.querySelector('main')?.textContent).toContain(
      'So a deleted account is gone from every backup at the latest 7 days after its deletion.',
    );
  });

  it('switches between German and English with the visible button', async () => {
    const page = await render();
    const switchButton = page.querySelector<HTMLButtonElement>('button.language');
    expect(switchButton?.textContent).toContain('English');

    switchButton?.click();
    await fixture.whenStable();

    expect(page.querySelector('button.quick-exit')?.textContent).toContain(
      'Leave this site quickly',
    );
    expect(page.querySelector('footer')?.textContent).toContain('We usually answer within 2 days.');
    expect(document.documentElement.lang).toBe('en');
  });

  it('keeps the one neutral title on every page and in every language', async () => {
    const page = await render();
    document.title = 'Datenschutz';
    page.querySelector<HTMLButtonElement>('button.language')?.click();
    await TestBed.inject(Router).navigateByUrl('/datenschutz');
    await settle();

    expect(page.querySelector('h1')?.textContent).toContain('Privacy');
    expect(document.title).toBe('Online-Beratung');
  });

  it('offers registration and login to visitors, and logout once a session exists', async () => {
    const page = await render();
    const navigation = TestBed.inject(Router).navigateByUrl('/');
    TestBed.inject(HttpTestingController).expectOne('/api/auth/status').flush({ session: null });
    await navigation;
    await settle();

    const links = Array.from(page.querySelectorAll('a')).map((a) => a.textContent?.trim());
    expect(links).toEqual(expect.arrayContaining(['Konto anlegen', 'Anmelden']));
    expect(page.querySelector('button.logout')).toBeNull();
  });

  it('asks for the password at the start after a reload while the session lives on', async () => {
    const page = await render();
    const router = TestBed.inject(Router);
    // A reload always lands on the neutral start (the address bar shows nothing else).
    const navigation = router.navigateByUrl('/');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/status')
      .flush({
        session: {
          account: {
            id: 'a',
            username: 'mond',
            role: 'client',
            displayName: null,
            hasEmail: false,
            maskedEmail: null,
            deletionDate: null,
            recoveryConfirmed: true,
          },
          keys: {
            publicKey: 'x',
            wrappedPrivateKey: { v: 1, iv: 'x', ct: 'x' },
            teamKeyGrant: null,
          },
          session: {
            idleExpiresAt: new Date(Date.now() + 1_800_000).toISOString(),
            absoluteExpiresAt: new Date(Date.now() + 43_200_000).toISOString(),
          },
        },
      });
    await navigation;
    await settle();

    expect(router.url).toBe('/entsperren');
    expect(page.querySelector('h1')?.textContent).toContain('Bitte Passwort eingeben');
    expect(page.querySelector('button.logout')?.textContent).toContain('Abmelden');
    TestBed.inject(SessionStore).wipe();
  });

  it('leaves the portal through the quick-exit button', async () => {
    const page = await render();
    const leave = jest
      .spyOn(TestBed.inject(QuickExit), 'leave')
      .mockImplementation(() => undefined);

    page.querySelector<HTMLButtonElement>('button.quick-exit')?.click();

    expect(leave).toHaveBeenCalledTimes(1);
  });
});
