import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccountResponse } from '@confidant/shared/api-interfaces';
import { SessionStore } from '@confidant/web/core';
import { AccountPage } from './account-page';
import { ClientAccount } from './client-account';

const CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

describe('AccountPage', () => {
  let fixture: ComponentFixture<AccountPage>;
  let page: HTMLElement;
  let account: ReturnType<typeof signal<AccountResponse | null>>;
  let confirmRecoveryCode: jest.Mock;
  let renewRecoveryCode: jest.Mock;

  async function open(recoveryConfirmed: boolean): Promise<void> {
    account = signal<AccountResponse | null>({
      id: 'a1',
      username: 'mondlicht',
      role: 'client',
      displayName: null,
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed,
    });
    confirmRecoveryCode = jest.fn(async () => {
      const current = account();
      account.set(current && { ...current, recoveryConfirmed: true });
    });
    renewRecoveryCode = jest.fn(async () => {
      const current = account();
      account.set(current && { ...current, recoveryConfirmed: false });
      return CODE;
    });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: SessionStore,
          useValue: { account, confirmRecoveryCode, onWipe: () => () => undefined },
        },
        {
          provide: ClientAccount,
          useValue: { refreshAccount: jest.fn(async () => undefined), renewRecoveryCode },
        },
      ],
    });
    fixture = TestBed.createComponent(AccountPage);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  }

  const reminder = () => page.querySelector('section[aria-labelledby=reminder-title]');

  function button(name: string): HTMLButtonElement {
    const found = Array.from(page.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === name,
    );
    if (!found) {
      throw new Error(`no button ${name}`);
    }
    return found;
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('shows no reminder when she confirmed her recovery code', async () => {
    await open(true);

    expect(reminder()).toBeNull();
    expect(page.querySelector('h1')?.textContent).toContain('Ihr Konto');
  });

  it('reminds her of an unconfirmed code, and a new confirmed code ends the reminder', async () => {
    await open(false);
    expect(reminder()?.textContent).toContain('Haben Sie Ihren Wiederherstellungscode?');
    expect(reminder()?.textContent).toContain('nicht bestätigt');

    button('Zum neuen Code').click();
    const password = page.querySelector<HTMLInputElement>(
      'section[aria-labelledby=renew-title] input[type=password]',
    );
    expect(document.activeElement).toBe(password);
    if (!password) {
      throw new Error('no password field');
    }
    password.value = 'Tulpe-Fahrrad-Wolkenkratzer';
    password.dispatchEvent(new Event('input'));
    button('Neuen Code erstellen').click();
    await settle();
    expect(renewRecoveryCode).toHaveBeenCalledWith('Tulpe-Fahrrad-Wolkenkratzer');
    expect(page.querySelectorAll('.code .group')).toHaveLength(8);

    // Leaving the page now would lose the new code: it asks, and she goes back to it.
    const leaving = fixture.componentInstance.mayLeave();
    await fixture.whenStable();
    button('Zurück zum Code').click();
    await expect(leaving).resolves.toBe(false);
    expect(reminder()).not.toBeNull();

    const last = page.querySelector<HTMLInputElement>('.recovery form input');
    if (!last) {
      throw new Error('no confirmation field');
    }
    last.value = '6789';
    last.dispatchEvent(new Event('input'));
    button('Code ist aufbewahrt – fertig').click();
    await settle();

    expect(confirmRecoveryCode).toHaveBeenCalledTimes(1);
    expect(reminder()).toBeNull();
    expect(page.textContent).toContain('Ihr neuer Wiederherstellungscode gilt ab jetzt');
    expect(fixture.componentInstance.mayLeave()).toBe(true);
  });
});
