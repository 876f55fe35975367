import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, provideRouter, Router } from '@angular/router';
import { SessionStore } from '@confidant/web/core';
import { PasswordStrength, StrengthResult } from '@confidant/web/core/forms';
import { EnrolPage } from './enrol-page';
import { StaffEnrolmentService } from './staff-enrolment';

const TOKEN = 'A'.repeat(43);

describe('EnrolPage', () => {
  let enrolment: { setupNeeded: jest.Mock; setUp: jest.Mock; register: jest.Mock };
  let confirmRecoveryCode: jest.Mock;

  async function open(mode: 'setup' | 'invitation', hash: string, setupNeeded = true) {
    enrolment = {
      setupNeeded: jest.fn().mockResolvedValue(setupNeeded),
      setUp: jest.fn().mockResolvedValue('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'),
      register: jest.fn().mockResolvedValue('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'),
    };
    confirmRecoveryCode = jest.fn().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: StaffEnrolmentService, useValue: enrolment },
        {
          provide: SessionStore,
          useValue: { confirmRecoveryCode, onWipe: () => () => undefined },
        },
        {
          // The router hands the page the link's fragment (NeutralLocationStrategy read it).
          provide: ActivatedRoute,
          useValue: { snapshot: { data: { mode }, fragment: hash.replace(/^#/, '') || null } },
        },
        {
          provide: PasswordStrength,
          useValue: {
            state: () => 'ready',
            preload: () => undefined,
            estimate: async (): Promise<StrengthResult> => ({
              score: 4,
              warning: '',
              suggestions: [],
            }),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(EnrolPage);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  function fill(page: HTMLElement, selector: string, value: string) {
    const input = page.querySelectorAll<HTMLInputElement>(selector);
    input.forEach((element, index) => {
      if (index === 0 || selector.includes('password')) {
        element.value = value;
        element.dispatchEvent(new Event('input'));
      }
    });
  }

  it("sends the link's token with the new identity", async () => {
    const { fixture, page } = await open('invitation', `#${TOKEN}`);

    fill(page, 'input[formcontrolname="username"]', 'berg');
    fill(page, 'input[formcontrolname="displayName"]', '  Frau Berg ');
    fill(page, 'input[type="password"]', 'Tulpe-Fahrrad-Wolkenkratzer');
    page.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();

    expect(enrolment.register).toHaveBeenCalledWith(TOKEN, {
      username: 'berg',
      displayName: 'Frau Berg',
      password: 'Tulpe-Fahrrad-Wolkenkratzer',
    });
    expect(page.querySelector('cf-recovery-code-step')).not.toBeNull();
    const leaving = fixture.componentInstance.mayLeave();
    expect(leaving).toBeInstanceOf(Promise);

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const last = page.querySelector<HTMLInputElement>('cf-recovery-code-step input');
    if (!last) {
      throw new Error('no recovery code input');
    }
    last.value = '6789';
    last.dispatchEvent(new Event('input'));
    page
      .querySelector<HTMLFormElement>('cf-recovery-code-step form')
      ?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    await expect(leaving).resolves.toBe(false);
    expect(confirmRecoveryCode).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/beratung');
  });

  it('says so when the link has no token, and sends nothing', async () => {
    const { page } = await open('invitation', '');
    expect(page.textContent).toContain('Dieser Link ist unvollständig.');
    expect(page.querySelector('form')).toBeNull();
  });

  it('asks whether setup is still needed, and says so when the centre is set up already', async () => {
    const needed = await open('setup', `#${TOKEN}`);
    expect(enrolment.setupNeeded).toHaveBeenCalled();
    expect(needed.page.querySelector('form')).not.toBeNull();
    TestBed.resetTestingModule();

    const { page } = await open('setup', `#${TOKEN}`, false);
    expect(page.textContent).toContain('Diese Beratungsstelle ist schon eingerichtet.');
    expect(page.querySelector('form')).toBeNull();
  });
});
