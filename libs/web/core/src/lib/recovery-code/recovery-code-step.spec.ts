import { Component, signal, viewChild } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SessionStore } from '../session/session-store';
import { normalizeGroup, RecoveryCodeStep } from './recovery-code-step';

const CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6780';

@Component({
  imports: [RecoveryCodeStep],
  template: `<cf-recovery-code-step [code]="code" (confirmed)="confirmed.set(true)" />`,
})
class Host {
  readonly code = CODE;
  readonly confirmed = signal(false);
  readonly step = viewChild.required(RecoveryCodeStep);
}

describe('RecoveryCodeStep', () => {
  let fixture: ComponentFixture<Host>;
  let page: HTMLElement;
  let wipe: () => void;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SessionStore,
          useValue: {
            onWipe: (listener: () => void) => {
              wipe = listener;
              return () => undefined;
            },
          },
        },
      ],
    });
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  async function confirmWith(value: string): Promise<void> {
    const input = page.querySelector<HTMLInputElement>('form input');
    if (!input) {
      throw new Error('no input');
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  }

  it('shows the code in eight groups of four', () => {
    const groups = Array.from(page.querySelectorAll('.code .group')).map((g) => g.textContent);
    expect(groups).toEqual(CODE.split('-'));
  });

  it('goes on only when the last group is typed', async () => {
    await confirmWith('ABCD');
    expect(fixture.componentInstance.confirmed()).toBe(false);
    expect(page.textContent).toContain('Das sind nicht die letzten vier Zeichen');

    await confirmWith('');
    expect(fixture.componentInstance.confirmed()).toBe(false);

    await confirmWith(' 678o ');
    expect(fixture.componentInstance.confirmed()).toBe(true);
  });

  function button(name: string): HTMLButtonElement {
    const found = Array.from(page.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === name,
    );
    if (!found) {
      throw new Error(`no button ${name}`);
    }
    return found;
  }

  it('cannot be left without confirming: leaving asks, and she stays unless she chooses to go', async () => {
    const first = fixture.componentInstance.step().askToLeave();
    await fixture.whenStable();

    expect(first).toBeInstanceOf(Promise);
    const question = page.querySelector('[role=group]');
    expect(question?.textContent).toContain('Ohne den Code weitergehen?');
    expect(document.activeElement?.id).toBe('leave-title');
    button('Zurück zum Code').click();
    await expect(first).resolves.toBe(false);
    await fixture.whenStable();
    expect(page.querySelector('[role=group]')).toBeNull();
    expect(page.querySelectorAll('.code .group')).toHaveLength(8);

    const second = fixture.componentInstance.step().askToLeave();
    await fixture.whenStable();
    button('Ohne Code weitergehen').click();
    await expect(second).resolves.toBe(true);
    expect(fixture.componentInstance.confirmed()).toBe(false);
  });

  it('lets her leave without asking once she confirmed', async () => {
    await confirmWith('6780');

    expect(fixture.componentInstance.confirmed()).toBe(true);
    expect(fixture.componentInstance.step().askToLeave()).toBe(true);
  });

  it('never holds up a logout, idle logout or quick exit', async () => {
    const pending = fixture.componentInstance.step().askToLeave();
    wipe();

    await expect(pending).resolves.toBe(true);
    expect(fixture.componentInstance.step().askToLeave()).toBe(true);
  });

  it('offers the code as a text file and revokes the temporary URL right away', () => {
    const create = jest.fn().mockReturnValue('blob:code');
    const revoke = jest.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);

    const download = Array.from(page.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Textdatei'),
    );
    download?.click();

    expect(create).toHaveBeenCalledWith(expect.any(Blob));
    expect(click).toHaveBeenCalledTimes(1);
    expect(revoke).toHaveBeenCalledWith('blob:code');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('reads typed groups as the code parser does', () => {
    expect(normalizeGroup(' ab-c o ')).toBe('ABC0');
    expect(normalizeGroup('il1L')).toBe('1111');
  });
});
