import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { signal, WritableSignal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CentreResponse } from '@confidant/shared/api-interfaces';
import { CentreStore, SessionStore } from '@confidant/web/core';
import { PasswordStrength, StrengthCheckState, StrengthResult } from '@confidant/web/core/forms';
import { ClientAccount } from '../account/client-account';
import { RegisterPage } from './register-page';

const STRONG: StrengthResult = { score: 4, warning: '', suggestions: [] };
const WEAK: StrengthResult = { score: 1, warning: 'Ein häufiges Passwort.', suggestions: [] };

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let page: HTMLElement;
  let register: jest.Mock;
  let confirmRecoveryCode: jest.Mock;
  let strength: StrengthResult;
  let checkState: WritableSignal<StrengthCheckState>;
  /** Resolves when the (fake) dictionaries have arrived; already resolved unless a test holds it. */
  let dictionaries: Promise<void>;
  let centre: WritableSignal<Partial<CentreResponse> | undefined>;

  beforeEach(async () => {
    centre = signal({ name: 'Beratungsstelle', teamPublicKey: 'team-key' });
    register = jest.fn().mockResolvedValue('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789');
    confirmRecoveryCode = jest.fn().mockResolvedValue(undefined);
    strength = STRONG;
    checkState = signal('ready');
    dictionaries = Promise.resolve();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: ClientAccount, useValue: { register } },
        { provide: CentreStore, useValue: { centre, load: jest.fn() } },
        {
          provide: SessionStore,
          useValue: { confirmRecoveryCode, onWipe: () => () => undefined },
        },
        {
          provide: PasswordStrength,
          useValue: {
            state: checkState,
            preload: jest.fn(),
            estimate: jest.fn(async () => {
              await dictionaries;
              return strength;
            }),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(RegisterPage);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  function type(label: string, value: string): void {
    const field = Array.from(page.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    const input = field?.querySelector('input');
    if (!input) {
      throw new Error(`no field ${label}`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function fillAndSend(options: { consent?: boolean; email?: string } = {}) {
    type('Benutzername', '  Mondlicht ');
    type('Passwort', 'Tulpe-Fahrrad-Wolkenkratzer');
    type('Passwort wiederholen', 'Tulpe-Fahrrad-Wolkenkratzer');
    if (options.email !== undefined) {
      type('E-Mail-Adresse', options.email);
    }
    if (options.consent !== false) {
      page.querySelector<HTMLInputElement>('input[type=checkbox]')?.click();
    }
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('makes the account from the form and then shows the recovery code', async () => {
    await fillAndSend();

    expect(register).toHaveBeenCalledWith({
      username: 'Mondlicht',
      password: 'Tulpe-Fahrrad-Wolkenkratzer',
      email: undefined,
    });
    expect(page.querySelectorAll('.code .group')).toHaveLength(8);
    expect(page.querySelector('h1')?.textContent).toContain('Ihr Konto ist angelegt');
  });

  it('waits for a password check that is still loading, saying so on the button, then makes the account', async () => {
    let arrive = (): void => undefined;
    dictionaries = new Promise((resolve) => (arrive = resolve));
    checkState.set('loading');
    await fixture.whenStable();
    expect(page.querySelector('#register-password-strength')?.textContent).toContain(
      'Die Passwortprüfung wird geladen',
    );

    await fillAndSend();
    const button = page.querySelector<HTMLButtonElement>('button[type=submit]');
    expect(button?.disabled).toBe(true);
    expect(button?.textContent?.trim()).toBe('Passwort wird geprüft …');
    expect(page.querySelector('[role=status]')?.textContent).toContain(
      'Die Passwortprüfung wird noch geladen',
    );
    expect(register).not.toHaveBeenCalled();

    let made: (code: string) => void = () => undefined;
    register.mockReturnValueOnce(new Promise<string>((resolve) => (made = resolve)));
    checkState.set('ready');
    arrive();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(register).toHaveBeenCalled();
    expect(button?.disabled).toBe(true);
    expect(button?.textContent?.trim()).toBe('Konto wird angelegt …');
    expect(page.querySelector('[role=status]')?.textContent).toContain(
      'Ihre Schlüssel werden jetzt in diesem Browser erzeugt',
    );

    made('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789');
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(page.querySelectorAll('.code .group')).toHaveLength(8);
  });

  it('refuses a password that is too easy to guess, with a plain explanation', async () => {
    strength = WEAK;
    await fillAndSend();

    expect(register).not.toHaveBeenCalled();
    expect(page.textContent).toContain('Dieses Passwort ist zu leicht zu erraten');
    // Focus goes to the refused field, although its check was still pending when she submitted.
    expect(document.activeElement).toBe(page.querySelectorAll('input[type=password]')[0]);
    const button = page.querySelector<HTMLButtonElement>('button[type=submit]');
    expect(button?.disabled).toBe(false);
    expect(button?.textContent?.trim()).toBe('Konto anlegen');
  });

  it('needs the consent to the terms', async () => {
    await fillAndSend({ consent: false });

    expect(register).not.toHaveBeenCalled();
    expect(page.textContent).toContain('Bitte bestätigen Sie, dass Sie einverstanden sind.');
  });

  it('says when the username is taken and when she must wait', async () => {
    register.mockRejectedValueOnce(new HttpErrorResponse({ status: 409 }));
    await fillAndSend();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('gibt es schon');

    register.mockRejectedValueOnce(
      new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '301' }) }),
    );
    page.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('warten Sie 6 Minuten');
  });

  it('says that the portal is not open yet while the centre is not set up, and offers no form', async () => {
    centre.set({ name: 'Beratungsstelle', teamPublicKey: null });
    await fixture.whenStable();
    expect(page.querySelector('h1')?.textContent).toContain('noch nicht geöffnet');
    expect(page.querySelector('form')).toBeNull();
  });

  it('says the same when the server refuses the account with 403', async () => {
    register.mockRejectedValueOnce(new HttpErrorResponse({ status: 403 }));
    await fillAndSend();
    expect(page.querySelector('h1')?.textContent).toContain('noch nicht geöffnet');
    expect(page.textContent).not.toContain('Passwort ist nicht richtig');
  });

  it('goes on to a new enquiry once the code is confirmed, and the server is told', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fillAndSend({ email: 'mond@example.org' });
    expect(register).toHaveBeenCalledWith(expect.objectContaining({ email: 'mond@example.org' }));
    // Before she confirmed, leaving the page asks first.
    const leaving = fixture.componentInstance.mayLeave();
    expect(leaving).toBeInstanceOf(Promise);
    await fixture.whenStable();
    expect(page.textContent).toContain('Ohne den Code weitergehen?');

    const input = page.querySelector<HTMLInputElement>('cf-recovery-code-step input');
    if (!input) {
      throw new Error('no confirmation field');
    }
    input.value = '6789';
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('cf-recovery-code-step button[type=submit]')?.click();
    await fixture.whenStable();

    await expect(leaving).resolves.toBe(false);
    expect(confirmRecoveryCode).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/nachrichten/neu');
    expect(fixture.componentInstance.mayLeave()).toBe(true);
  });
});
