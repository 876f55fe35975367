import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CentreResponse } from '@confidant/shared/api-interfaces';
import { QuickExit, SessionStore } from '@confidant/web/core';
import { App } from './app';
import { appRoutes } from './app.routes';

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
      providers: [provideRouter(appRoutes), provideHttpClient(), provideHttpClientTesting()],
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

  it('offers registration and login to visitors, and logout once a session exists', async () => {
    const page = await render();
    await TestBed.inject(Router).navigateByUrl('/');
    TestBed.inject(HttpTestingController).expectOne('/api/auth/status').flush({ session: null });
    await settle();

    const links = Array.from(page.querySelectorAll('a')).map((a) => a.textContent?.trim());
    expect(links).toEqual(expect.arrayContaining(['Konto anlegen', 'Anmelden']));
    expect(page.querySelector('button.logout')).toBeNull();
  });

  it('shows "Log out" after a reload while the session lives on', async () => {
    const page = await render();
    await TestBed.inject(Router).navigateByUrl('/');
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
    await settle();

    expect(page.querySelector('button.logout')?.textContent).toContain('Abmelden');
    expect(Array.from(page.querySelectorAll('a')).map((a) => a.textContent?.trim())).toContain(
      'Zu Ihrem Konto',
    );
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
