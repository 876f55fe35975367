import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  AccountResponse,
  ConversationDetail,
  MessageResponse,
} from '@confidant/shared/api-interfaces';
import { ConversationApi, Drafts, SessionStore } from '@confidant/web/core';
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
      deletionDate: null,
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

    const first = http.expectOne(
      (request) =>
        request.method === 'POST' && request.url === ConversationApi.messages(CONVERSATION),
    );
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
    const second = http.expectOne(
      (request) =>
        request.method === 'POST' && request.url === ConversationApi.messages(CONVERSATION),
    );
    expect(second.request.body).toEqual(sentBody);
    second.flush({ ...(await stored(key, sentBody.id, CLIENT, 'Darf ich anrufen?')) });
    await settle(fixture);
    expect(state()).toBe('Gesendet');
    expect(TestBed.inject(Drafts).anyUnsent()).toBe(false);
  });
});
