import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  AccountResponse,
  ConversationDetail,
  MessageResponse,
} from '@confidant/shared/api-interfaces';
import { ConversationApi, Drafts, I18n, SessionStore } from '@confidant/web/core';
import { webcrypto } from 'node:crypto';
import { ConversationThread } from './conversation-thread';

const CONVERSATION = '6f1c1e2a-3b4d-4c5e-8f60-718293a4b5c6';
const CLIENT = 'client-1';
const COUNSELLOR = 'counsellor-1';

function detail(): ConversationDetail {
  return {
    id: CONVERSATION,
    topic: null,
    state: 'waiting-for-client',
    counsellorName: 'Frau Berg',
    counsellorId: COUNSELLOR,
    createdAt: '2026-11-20T10:00:00.000Z',
    lastMessageAt: '2026-11-21T10:00:00.000Z',
    clientWaitingSince: null,
    unread: 1,
    clientKeyChanged: false,
    key: { v: 1, epk: 'e', iv: 'i', ct: 'c' },
    clientPublicKey: null,
  };
}

async function aesKey(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

async function stored(
  key: CryptoKey,
  id: string,
  senderId: string,
  text: string,
): Promise<MessageResponse> {
  const { encryptMessage } = await import('@confidant/shared/crypto');
  return {
    id,
    senderId,
    senderRole: senderId === CLIENT ? 'client' : 'counsellor',
    kind: 'message',
    envelope: (await encryptMessage(
      key,
      { conversationId: CONVERSATION, messageId: id, senderId },
      { text },
    )) as MessageResponse['envelope'],
    notice: null,
    createdAt: '2026-11-21T10:00:00.000Z',
  };
}

/** Lets the async work (crypto, HTTP) between two expectations run. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => setTimeout(done, 0));
    await fixture.whenStable();
  }
}

describe('ConversationThread', () => {
  let http: HttpTestingController;
  let key: CryptoKey;

  beforeAll(() => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    }
  });

  beforeEach(async () => {
    key = await aesKey();
    const account = signal<AccountResponse>({
      id: CLIENT,
      username: 'mondlicht',
      role: 'client',
      displayName: null,
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: true,
    });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SessionStore, useValue: { account, onWipe: () => () => undefined } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  /** Waits through the encryption (its module loads lazily, slowly on a busy machine) for the POST. */
  async function nextPost(fixture: ComponentFixture<unknown>): Promise<TestRequest> {
    for (let round = 0; round < 200; round++) {
      const found = http.match(
        (request) =>
          request.method === 'POST' && request.url === ConversationApi.messages(CONVERSATION),
      );
      if (found.length > 0) {
        expect(found).toHaveLength(1);
        return found[0];
      }
      await settle(fixture);
    }
    throw new Error('Nothing was sent.');
  }

  async function render(conversationKey: CryptoKey) {
    const fixture = TestBed.createComponent(ConversationThread);
    fixture.componentRef.setInput('detail', detail());
    fixture.componentRef.setInput('conversationKey', conversationKey);
    fixture.componentRef.setInput('canWrite', true);
    fixture.componentRef.setInput('audience', 'client');
    await settle(fixture);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows the thread decrypted, notices neutral, and a message it cannot open as locked', async () => {
    const { fixture, page } = await render(key);
    const otherKey = await aesKey();
    http
      .expectOne((request) => request.url === ConversationApi.messages(CONVERSATION))
      .flush([
        await stored(key, 'm1', CLIENT, 'Ich brauche Hilfe'),
        {
          id: 'm2',
          senderId: null,
          senderRole: null,
          kind: 'notice',
          envelope: null,
          notice: 'counsellor-changed',
          createdAt: '2026-11-21T10:00:00.000Z',
        },
        await stored(key, 'm3', COUNSELLOR, 'Ich bin für Sie da'),
        await stored(otherKey, 'm4', COUNSELLOR, 'nicht lesbar'),
      ]);
    await settle(fixture);

    const messages = [...page.querySelectorAll('[data-testid="message"]')];
    expect(messages.map((m) => m.querySelector('.author')?.textContent)).toEqual([
      'Sie',
      'Frau Berg',
      'Frau Berg',
    ]);
    expect(messages[0].textContent).toContain('Ich brauche Hilfe');
    expect(messages[1].textContent).toContain('Ich bin für Sie da');
    expect(messages[2].querySelector('[data-testid="locked"]')?.textContent).toContain(
      'kann nicht geöffnet werden',
    );
    expect(page.textContent).not.toContain('nicht lesbar');
    expect(page.querySelector('[data-testid="notice"]')?.textContent).toContain(
      'anderen Beraterin',
    );
    // She has read up to the newest message.
    const read = http.expectOne(ConversationApi.read(CONVERSATION));
    expect(read.request.body).toEqual({ upTo: 'm4' });
    read.flush(null);
  });

  it('keeps a failed message with a retry that sends the same id and envelope', async () => {
    const { fixture, page } = await render(key);
    http.expectOne((request) => request.url === ConversationApi.messages(CONVERSATION)).flush([]);
    await settle(fixture);

    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Darf ich anrufen?';
    textarea.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(TestBed.inject(Drafts).anyUnsent()).toBe(true);
    (page.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await settle(fixture);

    const first = await nextPost(fixture);
    const sentBody = first.request.body;
    expect(JSON.stringify(sentBody)).not.toContain('Darf ich anrufen?');
    first.error(new ProgressEvent('error'));
    await settle(fixture);
    const state = () => page.querySelector('[data-testid="send-state"]')?.textContent?.trim();
    expect(state()).toContain('Nicht gesendet.');
    expect(textarea.value).toBe('');
    // Written but not stored: leaving the portal now would lose it.
    expect(TestBed.inject(Drafts).anyUnsent()).toBe(true);

    const retry = [...page.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Erneut senden'),
    ) as HTMLButtonElement;
    retry.click();
    await settle(fixture);
    const second = await nextPost(fixture);
    expect(second.request.body).toEqual(sentBody);
    second.flush({ ...(await stored(key, sentBody.id, CLIENT, 'Darf ich anrufen?')) });
    await settle(fixture);
    expect(state()).toBe('Gesendet');
    expect(TestBed.inject(Drafts).anyUnsent()).toBe(false);
  });

  describe('composer and screen readers', () => {
    async function ready(page: HTMLElement, fixture: ComponentFixture<unknown>) {
      http.expectOne((request) => request.url === ConversationApi.messages(CONVERSATION)).flush([]);
      await settle(fixture);
      return {
        textarea: page.querySelector('textarea') as HTMLTextAreaElement,
        send: page.querySelector('form button[type="submit"]') as HTMLButtonElement,
        counter: () => page.querySelector('[data-testid="composer-counter"]'),
        announced: () =>
          page.querySelector('[data-testid="thread-announcer"]')?.textContent?.trim() ?? '',
      };
    }

    async function type(
      fixture: ComponentFixture<unknown>,
      textarea: HTMLTextAreaElement,
      text: string,
    ) {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
      await settle(fixture);
    }

    function posts() {
      return http.match(
        (request) =>
          request.method === 'POST' && request.url === ConversationApi.messages(CONVERSATION),
      );
    }

    it('refuses a 70 000-character text with the counter, keeps every character and sends nothing', async () => {
      const { fixture, page } = await render(key);
      const { textarea, send, counter, announced } = await ready(page, fixture);
      expect(textarea.hasAttribute('maxlength')).toBe(false);

      await type(fixture, textarea, 'a'.repeat(19_500));
      expect(counter()?.textContent?.trim()).toBe('19.500 / 20.000 Zeichen');
      expect(announced()).toBe('19.500 / 20.000 Zeichen');
      expect(send.getAttribute('aria-disabled')).toBeNull();

      const pasted = `${'Lang. '.repeat(11_666)}Ende`;
      expect(pasted.length).toBe(70_000);
      await type(fixture, textarea, pasted);
      expect(counter()?.textContent?.trim()).toBe('70.000 / 20.000 Zeichen – bitte kürzen');
      expect(announced()).toBe('70.000 / 20.000 Zeichen – bitte kürzen');
      expect(textarea.getAttribute('aria-invalid')).toBe('true');
      expect(textarea.getAttribute('aria-describedby')).toContain('composer-counter');
      // The button stays focusable and says why it does not send.
      expect(send.getAttribute('aria-disabled')).toBe('true');
      expect(send.hasAttribute('disabled')).toBe(false);
      expect(send.getAttribute('aria-describedby')).toBe('composer-counter');

      send.focus();
      send.click();
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
      await settle(fixture);
      expect(posts()).toEqual([]);
      expect(textarea.value).toBe(pasted);
      expect(TestBed.inject(Drafts).text(CONVERSATION)).toBe(pasted);
      expect(document.activeElement).toBe(textarea);
      expect(page.querySelectorAll('[data-testid="message"]')).toHaveLength(0);

      await type(fixture, textarea, 'Kurz gefasst.');
      expect(counter()).toBeNull();
      expect(announced()).toBe('Die Länge passt wieder.');
      expect(send.getAttribute('aria-disabled')).toBeNull();
      expect(send.getAttribute('aria-describedby')).toBeNull();
    });

    it('refuses a shorter text that would be too large once encrypted', async () => {
      const { fixture, page } = await render(key);
      const { textarea, send, counter } = await ready(page, fixture);
      await type(fixture, textarea, '\u0001'.repeat(15_000));
      expect(counter()?.textContent?.trim()).toBe(
        'Verschlüsselt zu groß (88 von 64 KB) – bitte kürzen',
      );
      expect(send.getAttribute('aria-disabled')).toBe('true');
      send.click();
      await settle(fixture);
      expect(posts()).toEqual([]);
    });

    it('says why an empty composer does not send', async () => {
      const { fixture, page } = await render(key);
      const { send } = await ready(page, fixture);
      expect(send.getAttribute('aria-disabled')).toBe('true');
      expect(send.getAttribute('aria-describedby')).toBe('composer-empty');
      expect(page.querySelector('#composer-empty')?.textContent).toBe(
        'Schreiben Sie zuerst Ihre Nachricht.',
      );
    });

    it("lists the send shortcuts in the composer's help text", async () => {
      const { fixture, page } = await render(key);
      const { textarea } = await ready(page, fixture);
      expect(textarea.getAttribute('aria-describedby')).toBe('composer-hint');
      expect(page.querySelector('#composer-hint')?.textContent).toContain(
        'Strg+Enter (Mac: ⌘+Enter) sendet, Enter beginnt eine neue Zeile.',
      );
      expect(textarea.getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    });

    it('says that a draft lasts only while she stays in the portal, not over a reload', async () => {
      const { fixture, page } = await render(key);
      await ready(page, fixture);
      const hint = () => page.querySelector('#composer-hint')?.textContent?.replace(/\s+/g, ' ');
      expect(hint()).toContain(
        'Ihr Entwurf bleibt erhalten, solange Sie im Portal bleiben. Beim Neuladen, Verlassen oder Schließen der Seite und beim Abmelden geht er verloren.',
      );
      expect(hint()).not.toContain('in diesem Fenster');
      TestBed.inject(I18n).use('en');
      await settle(fixture);
      expect(hint()).toContain(
        'Your draft is kept while you stay in the portal. It is lost when you reload, leave or close the page, and when you log out.',
      );
      TestBed.inject(I18n).use('de');
    });

    it('keeps focus in the composer after sending and announces sent and failed', async () => {
      const { fixture, page } = await render(key);
      const { textarea, send, announced } = await ready(page, fixture);

      await type(fixture, textarea, 'Erste Nachricht');
      send.focus();
      send.click();
      const first = await nextPost(fixture);
      // The text moved into the thread and the button went inactive; she is still in the field.
      expect(textarea.value).toBe('');
      expect(document.activeElement).toBe(textarea);
      first.flush(await stored(key, first.request.body.id, CLIENT, 'Erste Nachricht'));
      await settle(fixture);
      expect(announced()).toBe('Nachricht gesendet');
      expect(document.activeElement).toBe(textarea);

      // By the shortcut; the answer is lost.
      await type(fixture, textarea, 'Zweite Nachricht');
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
      await settle(fixture);
      (await nextPost(fixture)).error(new ProgressEvent('error'));
      await settle(fixture);
      expect(announced()).toBe('Nicht gesendet');
      expect(document.activeElement).toBe(textarea);

      // The retry button disappears once it is sent: focus waits in the composer.
      const retry = [...page.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('Erneut senden'),
      ) as HTMLButtonElement;
      retry.focus();
      retry.click();
      await settle(fixture);
      const again = await nextPost(fixture);
      again.flush(await stored(key, again.request.body.id, CLIENT, 'Zweite Nachricht'));
      await settle(fixture);
      expect(announced()).toBe('Nachricht gesendet');
      expect(document.activeElement).toBe(textarea);
    });

    it('announces new messages in neutral words, never their text', async () => {
      const intervals = jest.spyOn(globalThis, 'setInterval');
      const { fixture, page } = await render(key);
      const { announced } = await ready(page, fixture);
      const poll = intervals.mock.calls.find(([, ms]) => ms === 20_000)?.[0] as () => void;
      intervals.mockRestore();
      expect(announced()).toBe('');

      poll();
      await settle(fixture);
      http
        .expectOne((request) => request.url === ConversationApi.messages(CONVERSATION))
        .flush([await stored(key, 'm1', COUNSELLOR, 'مرحبا، كيف يمكنني المساعدة؟')]);
      await settle(fixture);
      expect(announced()).toBe('Neue Nachricht');
      // The log itself does not read message text out.
      expect(page.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('off');
      http.expectOne(ConversationApi.read(CONVERSATION)).flush(null);

      poll();
      await settle(fixture);
      http
        .expectOne((request) => request.url === ConversationApi.messages(CONVERSATION))
        .flush([
          await stored(key, 'm1', COUNSELLOR, 'مرحبا، كيف يمكنني المساعدة؟'),
          await stored(key, 'm2', COUNSELLOR, 'Zwei'),
          await stored(key, 'm3', COUNSELLOR, 'Drei'),
        ]);
      await settle(fixture);
      expect(announced()).toBe('2 neue Nachrichten');
      http.expectOne(ConversationApi.read(CONVERSATION)).flush(null);
    });

    it('marks message bodies, names and the composer dir="auto" for right-to-left text', async () => {
      const { fixture, page } = await render(key);
      http
        .expectOne((request) => request.url === ConversationApi.messages(CONVERSATION))
        .flush([await stored(key, 'm1', COUNSELLOR, 'מה שלומך היום?')]);
      await settle(fixture);
      const body = page.querySelector('[data-testid="message"] .body') as HTMLElement;
      expect(body.textContent).toBe('מה שלומך היום?');
      expect(body.getAttribute('dir')).toBe('auto');
      expect(page.querySelector('[data-testid="message"] .author')?.getAttribute('dir')).toBe(
        'auto',
      );
      expect(page.querySelector('textarea')?.getAttribute('dir')).toBe('auto');
      http.expectOne(ConversationApi.read(CONVERSATION)).flush(null);
    });
  });
});
