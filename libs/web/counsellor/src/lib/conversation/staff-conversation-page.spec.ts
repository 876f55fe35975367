import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, input, output, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  AccountResponse,
  ConversationDetail,
  CounsellorSummary,
} from '@confidant/shared/api-interfaces';
import {
  AppointmentsPanel,
  ConversationThread,
  Conversations,
  LockedConversationError,
} from '@confidant/web/conversation';
import { CentreStore, SessionStore } from '@confidant/web/core';
import { TeamAdmin } from '../team/team-admin';
import { StaffConversationPage } from './staff-conversation-page';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const KEY = { type: 'secret' } as CryptoKey;

function detailOf(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: 'c1',
    topic: 'Trennung',
    state: 'waiting-for-counsellor',
    counsellorName: 'Frau Berg',
    counsellorId: 'me',
    createdAt: ago(40),
    lastMessageAt: ago(30),
    clientWaitingSince: ago(30),
    unread: 1,
    clientKeyChanged: false,
    key: { v: 1, epk: 'e', iv: 'i', ct: 'c' },
    clientPublicKey: null,
    ...overrides,
  };
}

function member(id: string, name: string, overrides: Partial<CounsellorSummary> = {}) {
  return {
    id,
    username: id,
    displayName: name,
    role: 'counsellor',
    active: true,
    hasTeamKey: true,
    publicKey: 'pk',
    ...overrides,
  } as CounsellorSummary;
}

/** Stands in for the appointments, which have their own tests: shows whether she may propose. */
@Component({
  selector: 'cf-appointments-panel',
  template: `<p data-testid="appointments">{{ canManage() ? 'manage' : 'view' }}</p>`,
})
class AppointmentsStub {
  readonly conversationId = input.required<string>();
  readonly conversationKey = input<CryptoKey | null>(null);
  readonly audience = input('staff');
  readonly canManage = input(false);
  readonly roomLink = input.required<string>();
}

/** Stands in for the thread, which has its own tests: shows whether she may write. */
@Component({
  selector: 'cf-conversation-thread',
  template: `<p data-testid="thread">{{ canWrite() ? 'writable' : 'read-only' }}</p>`,
})
class ThreadStub {
  readonly detail = input.required<ConversationDetail>();
  readonly conversationKey = input<CryptoKey | null>(null);
  readonly canWrite = input(false);
  readonly audience = input('client');
  readonly sent = output<void>();
}

async function settle(fixture: ComponentFixture<unknown>) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

describe('StaffConversationPage', () => {
  let api: {
    detail: jest.Mock;
    conversationKey: jest.Mock;
    assign: jest.Mock;
    close: jest.Mock;
    reshare: jest.Mock;
  };
  let staff: jest.Mock;
  let fixture: ComponentFixture<StaffConversationPage>;
  let page: HTMLElement;

  async function render(
    role: 'counsellor' | 'lead',
    detail: ConversationDetail,
    options: { team?: CounsellorSummary[]; locked?: boolean } = {},
  ) {
    api = {
      detail: jest.fn().mockResolvedValue(detail),
      conversationKey: options.locked
        ? jest.fn().mockRejectedValue(new LockedConversationError())
        : jest.fn().mockResolvedValue(KEY),
      assign: jest.fn(),
      close: jest.fn(),
      reshare: jest.fn(),
    };
    staff = jest.fn().mockResolvedValue(options.team ?? []);
    const account = signal<AccountResponse>({
      id: 'me',
      username: 'berg',
      role,
      displayName: 'Frau Berg',
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: true,
    });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: Conversations, useValue: api },
        { provide: TeamAdmin, useValue: { staff } },
        { provide: SessionStore, useValue: { account, hasTeamKey: computed(() => true) } },
        {
          provide: CentreStore,
          useValue: { centre: signal({ responseDays: 2 }), load: jest.fn() },
        },
      ],
    });
    TestBed.overrideComponent(StaffConversationPage, {
      remove: { imports: [ConversationThread, AppointmentsPanel] },
      add: { imports: [ThreadStub, AppointmentsStub] },
    });
    fixture = TestBed.createComponent(StaffConversationPage);
    fixture.componentRef.setInput('id', 'c1');
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  function button(label: string): HTMLButtonElement | undefined {
    return [...page.querySelectorAll('button')].find(
      (candidate) => candidate.textContent?.trim() === label,
    );
  }

  function byTestId(id: string): HTMLElement | null {
    return page.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  }

  it('shows her own conversation with state, waiting time and the composer', async () => {
    await render('counsellor', detailOf());

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Trennung');
    expect(byTestId('conversation-state')?.textContent).toBe('Wartet auf Antwort');
    expect(byTestId('waiting')?.textContent).toBe('wartet seit 30 Stunden');
    expect(byTestId('promise')?.textContent).toBe('Antwortzusage läuft bald ab');
    expect(byTestId('counsellor')?.textContent).toBe('Ihnen zugeordnet');
    expect(byTestId('thread')?.textContent).toBe('writable');
    expect(api.conversationKey).toHaveBeenCalledWith(expect.objectContaining({ id: 'c1' }));
    expect(button('Übernehmen')).toBeUndefined();
    expect(button('Beratung abschließen')).toBeDefined();
    // Assigning to someone else is for leads.
    expect(byTestId('assign-select')).toBeNull();
  });

  it('closes the counselling only after she confirms on the page', async () => {
    await render('counsellor', detailOf());

    button('Beratung abschließen')?.click();
    await settle(fixture);
    const question = page.querySelector<HTMLElement>('#close-question');
    expect(question?.textContent).toContain('Beratung abschließen? Die Klientin sieht');
    expect(document.activeElement).toBe(question);
    expect(button('Beratung abschließen')).toBeUndefined();
    button('Abbrechen')?.click();
    await settle(fixture);
    expect(page.querySelector('#close-question')).toBeNull();
    expect(document.activeElement).toBe(button('Beratung abschließen'));
    expect(api.close).not.toHaveBeenCalled();

    button('Beratung abschließen')?.click();
    await settle(fixture);
    api.close.mockResolvedValue(undefined);
    api.detail.mockResolvedValue(detailOf({ state: 'closed', clientWaitingSince: null }));
    button('Jetzt abschließen')?.click();
    await settle(fixture);

    expect(api.close).toHaveBeenCalledWith('c1');
    const status = byTestId('conversation-status');
    expect(status?.textContent?.trim()).toBe('Die Beratung ist abgeschlossen.');
    expect(document.activeElement).toBe(status);
    expect(byTestId('conversation-state')?.textContent).toBe('Abgeschlossen');
    expect(button('Beratung abschließen')).toBeUndefined();
  });

  it('lets a counsellor read an enquiry in the queue, but write only after taking it over', async () => {
    await render('counsellor', detailOf({ counsellorId: null, counsellorName: null }));

    expect(byTestId('counsellor')?.textContent).toBe('Noch nicht übernommen');
    expect(byTestId('thread')?.textContent).toBe('read-only');
    expect(button('Beratung abschließen')).toBeUndefined();

    api.assign.mockResolvedValue(detailOf());
    api.detail.mockResolvedValue(detailOf());
    button('Übernehmen')?.click();
    await settle(fixture);

    expect(api.assign).toHaveBeenCalledWith('c1');
    expect(byTestId('conversation-status')?.textContent?.trim()).toBe(
      'Sie haben die Anfrage übernommen und können jetzt antworten.',
    );
    expect(byTestId('thread')?.textContent).toBe('writable');
    expect(button('Übernehmen')).toBeUndefined();
  });

  it('tells her plainly when a colleague took the enquiry first', async () => {
    await render('counsellor', detailOf({ counsellorId: null, counsellorName: null }));

    api.assign.mockRejectedValue(new HttpErrorResponse({ status: 409 }));
    // Now it is the colleague's, so she no longer sees it.
    api.detail.mockRejectedValue(new HttpErrorResponse({ status: 404 }));
    button('Übernehmen')?.click();
    await settle(fixture);

    expect(byTestId('conversation-problem')?.textContent?.trim()).toBe(
      'Eine Kollegin hat diese Anfrage gerade übernommen.',
    );
    expect(byTestId('conversation-not-found')).not.toBeNull();
    expect(byTestId('thread')).toBeNull();
  });

  it('lets a lead assign a conversation to another active counsellor holding the team key', async () => {
    await render('lead', detailOf({ counsellorId: 'c2', counsellorName: 'Frau Sommer' }), {
      team: [
        member('me', 'Frau Berg', { role: 'lead' }),
        member('c2', 'Frau Sommer'),
        member('c3', 'Frau Winter'),
        member('c4', 'Frau Herbst', { hasTeamKey: false }),
        member('c5', 'Frau Frühling', { active: false }),
      ],
    });

    expect(byTestId('counsellor')?.textContent).toBe('Beraterin: Frau Sommer');
    expect(byTestId('thread')?.textContent).toBe('read-only');
    expect(page.textContent).toContain('Schreiben können nur die Klientin und ihre Beraterin.');
    const select = byTestId('assign-select') as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent?.trim())).toEqual([
      'Frau Berg (Sie)',
      'Frau Sommer',
      'Frau Winter',
    ]);
    expect(select.value).toBe('c2');

    select.value = 'c3';
    select.dispatchEvent(new Event('change'));
    api.assign.mockResolvedValue(detailOf({ counsellorId: 'c3' }));
    api.detail.mockResolvedValue(detailOf({ counsellorId: 'c3', counsellorName: 'Frau Winter' }));
    button('Zuweisen')?.click();
    await settle(fixture);

    expect(api.assign).toHaveBeenCalledWith('c1', 'c3');
    expect(byTestId('conversation-status')?.textContent?.trim()).toBe(
      'Die Beratung ist jetzt bei Frau Winter.',
    );
    expect(byTestId('counsellor')?.textContent).toBe('Beraterin: Frau Winter');
  });

  it('re-shares the history after a key change only once she confirms she made sure', async () => {
    const changed = detailOf({ clientKeyChanged: true, clientPublicKey: 'new-public-key' });
    await render('counsellor', changed);

    const card = byTestId('key-change');
    expect(card?.textContent).toContain('per E-Mail zurückgesetzt');
    expect(card?.textContent).toContain('dass es wirklich die Klientin ist');

    button('Verlauf wieder freigeben')?.click();
    await settle(fixture);
    expect(api.reshare).not.toHaveBeenCalled();
    expect(card?.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Bitte bestätigen Sie zuerst, dass Sie sich vergewissert haben.',
    );
    const checkbox = card?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(document.activeElement).toBe(checkbox);

    checkbox?.click();
    await settle(fixture);
    api.reshare.mockResolvedValue(undefined);
    api.detail.mockResolvedValue(detailOf());
    button('Verlauf wieder freigeben')?.click();
    await settle(fixture);

    expect(api.reshare).toHaveBeenCalledWith(changed);
    expect(byTestId('conversation-status')?.textContent?.trim()).toBe(
      'Der Verlauf ist wieder freigegeben. Die Klientin kann ihn jetzt lesen.',
    );
    expect(byTestId('key-change')).toBeNull();
  });

  it('says she cannot read the conversation while her browser lacks the team key', async () => {
    await render('counsellor', detailOf(), { locked: true });

    expect(byTestId('conversation-locked')?.textContent).toContain(
      'Sie können diese Beratung noch nicht lesen',
    );
    expect(byTestId('thread')).toBeNull();
  });
});
