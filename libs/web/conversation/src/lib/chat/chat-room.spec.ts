import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  AccountResponse,
  AppointmentResponse,
  ChatEvents,
  ChatMessage,
  ConversationDetail,
  MessageResponse,
} from '@confidant/shared/api-interfaces';
import { I18n, SessionStore } from '@confidant/web/core';
import { Conversations, PreparedMessage } from '../conversations';
import { ChatConnection, ChatListener } from './chat-connection';
import { ChatRoom } from './chat-room';

const ID = '6f1c1e2a-3b4d-4c5e-8f60-718293a4b5c6';
const KEY = {} as CryptoKey;

function message(id: string, senderId: string, text: string): MessageResponse {
  return {
    id,
    senderId,
    senderRole: senderId === 'client' ? 'client' : 'counsellor',
    kind: 'chat',
    // The fake decryption below reads the text straight from the envelope.
    envelope: { v: 1, iv: 'iv', ct: text },
    notice: null,
    createdAt: '2026-11-27T10:00:00.000Z',
  };
}

/** The socket stands in here: it records what the room sends and lets the test push events. */
class FakeConnection {
  listener: ChatListener = {};
  sent: { event: string; payload: Record<string, unknown> }[] = [];
  answers: Record<string, (payload: Record<string, unknown>) => object> = {};

  listen(listener: ChatListener) {
    this.listener = listener;
    return () => undefined;
  }

  async emit(event: string, payload: Record<string, unknown>) {
    this.sent.push({ event, payload });
    return this.answers[event]?.(payload) ?? { ok: true };
  }

  async notify(event: string, payload: Record<string, unknown>) {
    this.sent.push({ event, payload });
  }
}

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => setTimeout(done, 0));
    await fixture.whenStable();
  }
}

describe('ChatRoom', () => {
  let connection: FakeConnection;
  let page: HTMLElement;
  let fixture: ComponentFixture<ChatRoom>;

  async function render(role: 'client' | 'counsellor', joinAnswer: () => object) {
    connection = new FakeConnection();
    connection.answers[ChatEvents.join] = joinAnswer;
    connection.answers[ChatEvents.message] = (payload) => ({
      ok: true,
      message: { ...message(payload['id'] as string, 'client', ''), conversationId: ID },
    });
    const account = signal<AccountResponse>({
      id: role === 'client' ? 'client' : 'berg',
      username: 'x',
      role,
      displayName: null,
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: true,
    });
    const conversations = {
      detail: jest.fn().mockResolvedValue({
        id: ID,
        counsellorId: 'berg',
        counsellorName: 'Frau Berg',
      } as ConversationDetail),
      conversationKey: jest.fn().mockResolvedValue(KEY),
      messages: jest.fn().mockResolvedValue([message('m1', 'berg', 'Willkommen')]),
      open: jest.fn(async (_id: string, _key: CryptoKey, m: MessageResponse) => m.envelope?.ct),
      prepareMessage: jest.fn(
        async (_id: string, _key: CryptoKey, text: string): Promise<PreparedMessage> => ({
          id: `new-${text}`,
          envelope: { v: 1, iv: 'iv', ct: text },
        }),
      ),
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionStore, useValue: { account, onWipe: () => () => undefined } },
        { provide: Conversations, useValue: conversations },
        { provide: ChatConnection, useValue: connection },
      ],
    });
    fixture = TestBed.createComponent(ChatRoom);
    fixture.componentRef.setInput('id', ID);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  const joined = () => ({
    ok: true,
    appointment: { localEnd: '2026-11-27T11:00', timeZone: 'Europe/Berlin' } as AppointmentResponse,
    present: [{ accountId: 'berg', role: 'counsellor' }],
    missed: [message('m2', 'berg', 'Sind Sie da?')],
  });

  it('joins after the newest message it shows and adds what was missed', async () => {
    await render('client', joined);
    expect(connection.sent[0]).toEqual({
      event: ChatEvents.join,
      payload: { conversationId: ID, after: 'm1' },
    });
    const texts = [...page.querySelectorAll('[data-testid="chat-message"] .body')].map(
      (node) => node.textContent,
    );
    expect(texts).toEqual(['Willkommen', 'Sind Sie da?']);
    expect(page.querySelector('[data-testid="presence"]')?.textContent).toContain(
      'Ihre Beraterin ist im Chatraum.',
    );
    expect(page.textContent).toContain('Termin bis 11:00 Uhr (deutsche Zeit)');
  });

  it('sends with Enter, confirms delivery, and acknowledges what arrives', async () => {
    await render('client', joined);
    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Ja, ich bin da';
    textarea.dispatchEvent(new Event('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(fixture);
    expect(connection.sent).toContainEqual({
      event: ChatEvents.message,
      payload: {
        conversationId: ID,
        id: 'new-Ja, ich bin da',
        envelope: { v: 1, iv: 'iv', ct: 'Ja, ich bin da' },
      },
    });
    const state = () =>
      [...page.querySelectorAll('[data-testid="send-state"]')].map((n) => n.textContent?.trim());
    expect(state()).toEqual(['Gesendet']);

    connection.listener.delivered?.({
      conversationId: ID,
      id: 'new-Ja, ich bin da',
      accountId: 'berg',
      role: 'counsellor',
    });
    await settle(fixture);
    expect(state()).toEqual(['Zugestellt']);

    const incoming: ChatMessage = { ...message('m3', 'berg', 'Gut.'), conversationId: ID };
    connection.listener.message?.(incoming);
    await settle(fixture);
    expect(page.textContent).toContain('Gut.');
    expect(connection.sent).toContainEqual({
      event: ChatEvents.delivered,
      payload: { conversationId: ID, id: 'm3' },
    });
  });

  it('keeps a refused message with a retry of the same id, and rejoins after a break', async () => {
    await render('client', joined);
    connection.answers[ChatEvents.message] = () => ({
      ok: false,
      error: 'rate-limited',
      message: 'slow down',
    });
    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Eins';
    textarea.dispatchEvent(new Event('input'));
    await settle(fixture);
    (page.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(page.querySelector('[data-testid="send-state"]')?.textContent).toContain(
      'Nicht gesendet.',
    );

    connection.answers[ChatEvents.message] = (payload) => ({
      ok: true,
      message: { ...message(payload['id'] as string, 'client', ''), conversationId: ID },
    });
    connection.listener.disconnected?.();
    connection.listener.reconnected?.();
    await settle(fixture);
    const joins = connection.sent.filter((s) => s.event === ChatEvents.join);
    expect(joins.at(-1)?.payload).toEqual({ conversationId: ID, after: 'm2' });
    const retries = connection.sent.filter(
      (s) => s.event === ChatEvents.message && s.payload['id'] === 'new-Eins',
    );
    expect(retries).toHaveLength(2);
    expect(page.querySelector('[data-testid="send-state"]')?.textContent?.trim()).toBe('Gesendet');
  });

  it('refuses a 70 000-character message with the counter, sends nothing and cuts nothing', async () => {
    await render('client', joined);
    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    const send = page.querySelector('form button[type="submit"]') as HTMLButtonElement;
    const counter = () => page.querySelector('[data-testid="composer-counter"]');
    const announced = () =>
      page.querySelector('[data-testid="chat-announcer"]')?.textContent?.trim() ?? '';
    const messages = () => connection.sent.filter((s) => s.event === ChatEvents.message);
    const type = async (text: string) => {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
      await settle(fixture);
    };
    expect(textarea.hasAttribute('maxlength')).toBe(false);
    // Empty, the button stays focusable and says why it does not send.
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector(`#${send.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Schreiben Sie zuerst Ihre Nachricht.',
    );

    await type('a'.repeat(19_500));
    expect(counter()?.textContent?.trim()).toBe('19.500 / 20.000 Zeichen');
    expect(announced()).toBe('19.500 / 20.000 Zeichen');
    expect(send.getAttribute('aria-disabled')).toBeNull();

    const pasted = `${'Lang. '.repeat(11_666)}Ende`;
    expect(pasted).toHaveLength(70_000);
    await type(pasted);
    const refusal = '70.000 / 20.000 Zeichen – bitte kürzen';
    expect(counter()?.textContent?.trim()).toBe(refusal);
    expect(announced()).toBe(refusal);
    expect(page.querySelector('[data-testid="chat-announcer"]')?.getAttribute('role')).toBe(
      'status',
    );
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(textarea.getAttribute('aria-describedby')).toContain(counter()?.id);
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(send.hasAttribute('disabled')).toBe(false);
    expect(send.getAttribute('aria-describedby')).toBe(counter()?.id);

    // Enter and the button both refuse: nothing goes over the socket, every character stays.
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    send.click();
    await settle(fixture);
    expect(messages()).toEqual([]);
    expect(textarea.value).toBe(pasted);
    expect(document.activeElement).toBe(textarea);
    expect(page.querySelectorAll('[data-testid="chat-message"]')).toHaveLength(2);

    // A shorter text that is too large once encrypted (control characters) is refused too.
    await type('\u0001'.repeat(15_000));
    expect(counter()?.textContent?.trim()).toBe(
      'Verschlüsselt zu groß (88 von 64 KB) – bitte kürzen',
    );
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(fixture);
    expect(messages()).toEqual([]);

    await type('Kurz gefasst.');
    expect(counter()).toBeNull();
    expect(announced()).toBe('Die Länge passt wieder.');
    expect(send.getAttribute('aria-disabled')).toBeNull();
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(fixture);
    expect(messages().map((s) => s.payload['envelope'])).toEqual([
      { v: 1, iv: 'iv', ct: 'Kurz gefasst.' },
    ]);
  });

  it('tells the truth about drafts: kept inside the portal, lost on a reload', async () => {
    await render('client', joined);
    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    const hint = page.querySelector(`#${textarea.getAttribute('aria-describedby')}`);
    expect(hint?.textContent?.trim()).toBe(
      'Ihr Entwurf bleibt erhalten, solange Sie im Portal bleiben. Beim Neuladen, Verlassen oder Schließen der Seite und beim Abmelden geht er verloren.',
    );
    TestBed.inject(I18n).use('en');
    await settle(fixture);
    expect(hint?.textContent?.trim()).toBe(
      'Your draft is kept while you stay in the portal. It is lost when you reload, leave or close the page, and when you log out.',
    );
    TestBed.inject(I18n).use('de');
  });

  it('tells her the room is not open and enters as soon as her counsellor opens it', async () => {
    let open = false;
    await render('client', () =>
      open ? joined() : { ok: false, error: 'not-open', message: 'closed' },
    );
    expect(page.querySelector('[data-testid="room-not-open"]')).not.toBeNull();
    expect(connection.sent.some((s) => s.event === ChatEvents.watch)).toBe(true);

    open = true;
    connection.listener.appointment?.({ conversationId: ID, room: 'open' } as AppointmentResponse);
    await settle(fixture);
    expect(page.querySelector('[data-testid="room-not-open"]')).toBeNull();
    expect(page.querySelector('textarea')).not.toBeNull();
  });

  it('says when the chat is open in too many tabs, in German and English, and tries again', async () => {
    let refused = true;
    await render('client', () =>
      refused
        ? { ok: false, error: 'too-many-connections', message: 'too-many-connections' }
        : joined(),
    );
    const notice = () => page.querySelector('[data-testid="too-many-connections"]');
    expect(notice()?.getAttribute('role')).toBe('alert');
    expect(notice()?.textContent).toContain(
      'Der Chat ist schon in zu vielen Fenstern oder Tabs geöffnet',
    );
    expect(notice()?.textContent).toContain('Schließen Sie eines davon');
    expect(page.querySelector('textarea')).toBeNull();

    TestBed.inject(I18n).use('en');
    await settle(fixture);
    expect(notice()?.textContent).toContain('The chat is already open in too many windows or tabs');

    refused = false;
    const retry = [...page.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Try again',
    );
    retry?.click();
    await settle(fixture);
    expect(notice()).toBeNull();
    expect(page.querySelector('textarea')).not.toBeNull();
    TestBed.inject(I18n).use('de');
  });

  it('tells her that her session has ended when the server refuses the connection', async () => {
    await render('client', () => ({ ok: false, error: 'unauthorized', message: 'unauthorized' }));
    expect(page.textContent).toContain('Ihre Sitzung ist beendet.');
  });

  it('lets the counsellor end the chat for both after confirming', async () => {
    await render('counsellor', joined);
    const button = (name: string) =>
      [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    button('Chat beenden')?.click();
    await settle(fixture);
    button('Jetzt beenden')?.click();
    await settle(fixture);
    expect(connection.sent.at(-1)).toEqual({
      event: ChatEvents.end,
      payload: { conversationId: ID },
    });
    expect(page.querySelector('[data-testid="chat-ended"]')?.textContent).toContain(
      'Der Chat ist beendet',
    );
    expect(page.querySelector('textarea')).toBeNull();
  });
});
