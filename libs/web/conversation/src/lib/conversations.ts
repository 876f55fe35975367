import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AesEnvelopeDto,
  ConversationDetail,
  ConversationSummary,
  MessageResponse,
  SealedEnvelopeDto,
  StatisticsResponse,
} from '@confidant/shared/api-interfaces';
import { ConversationApi, SessionStore } from '@confidant/web/core';
import { firstValueFrom } from 'rxjs';

type Crypto = typeof import('@confidant/shared/crypto');

/** What the client's browser sends for a new enquiry; kept as it was for a retry. */
export interface PreparedEnquiry {
  body: {
    id: string;
    topic?: string;
    keys: { client: SealedEnvelopeDto; team: SealedEnvelopeDto };
    message: { id: string; envelope: AesEnvelopeDto };
  };
}

/** A message encrypted for sending; a retry sends exactly this again (same id, same envelope). */
export interface PreparedMessage {
  id: string;
  envelope: AesEnvelopeDto;
}

/** Thrown when a key cannot be opened: the conversation is locked for this person. */
export class LockedConversationError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The conversation key cannot be opened.', options);
    this.name = 'LockedConversationError';
  }
}

/**
 * The conversations API with the browser's side of the protocol: the conversation keys are
 * opened with her private key (client) or the team key (staff) and kept in memory only, until the
 * session's keys are wiped. Decrypted texts never leave the component that shows them.
 */
@Injectable({ providedIn: 'root' })
export class Conversations {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private teamKey: Promise<CryptoKey> | null = null;
  /** Opened conversation keys by conversation id and sealed envelope (a re-share changes it). */
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor() {
    this.session.onWipe(() => this.forgetKeys());
  }

  list(all = false): Promise<ConversationSummary[]> {
    return firstValueFrom(
      this.http.get<ConversationSummary[]>(ConversationApi.conversations, {
        params: all ? { all: 'true' } : {},
      }),
    );
  }

  queue(): Promise<ConversationSummary[]> {
    return firstValueFrom(this.http.get<ConversationSummary[]>(ConversationApi.queue));
  }

  detail(id: string): Promise<ConversationDetail> {
    return firstValueFrom(this.http.get<ConversationDetail>(ConversationApi.conversation(id)));
  }

  /** Up to `limit` messages before `before` (or the newest), oldest first. */
  messages(id: string, before?: string, limit = 50): Promise<MessageResponse[]> {
    const params: Record<string, string> = { limit: String(limit) };
    if (before) {
      params['before'] = before;
    }
    return firstValueFrom(
      this.http.get<MessageResponse[]>(ConversationApi.messages(id), { params }),
    );
  }

  send(conversationId: string, message: PreparedMessage): Promise<MessageResponse> {
    return firstValueFrom(
      this.http.post<MessageResponse>(ConversationApi.messages(conversationId), message),
    );
  }

  markRead(conversationId: string, upTo: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(ConversationApi.read(conversationId), { upTo }));
  }

  /** Take over (no id) or, for a lead, assign to a counsellor. 409 when someone was faster. */
  assign(conversationId: string, counsellorId?: string): Promise<ConversationSummary> {
    return firstValueFrom(
      this.http.post<ConversationSummary>(
        ConversationApi.assign(conversationId),
        counsellorId ? { counsellorId } : {},
      ),
    );
  }

  close(conversationId: string): Promise<ConversationSummary> {
    return firstValueFrom(
      this.http.post<ConversationSummary>(ConversationApi.close(conversationId), null),
    );
  }

  statistics(): Promise<StatisticsResponse> {
    return firstValueFrom(this.http.get<StatisticsResponse>(ConversationApi.statistics));
  }

  /**
   * Her browser makes the conversation key, seals it to her own and to the team's public key and
   * encrypts the first message. Nothing is sent yet; {@link createEnquiry} sends it (again).
   */
  async prepareEnquiry(
    teamPublicKey: string,
    text: string,
    topic: string | null,
  ): Promise<PreparedEnquiry> {
    const account = this.session.account();
    const publicKey = this.session.publicKey;
    if (!account || !publicKey) {
      throw new Error('No unlocked session.');
    }
    const crypto = await loadCrypto();
    const id = globalThis.crypto.randomUUID();
    const messageId = globalThis.crypto.randomUUID();
    const { key, sealed } = await crypto.createConversationKey({
      client: crypto.fromBase64Url(publicKey),
      team: crypto.fromBase64Url(teamPublicKey),
    });
    const envelope = await crypto.encryptMessage(
      key,
      { conversationId: id, messageId, senderId: account.id },
      { text },
    );
    this.keys.set(cacheKey(id, sealed.client), Promise.resolve(key));
    return {
      body: {
        id,
        ...(topic ? { topic } : {}),
        keys: sealed,
        message: { id: messageId, envelope },
      },
    };
  }

  /** Sends a prepared enquiry; the same one again returns the conversation already made. */
  createEnquiry(
    enquiry: PreparedEnquiry,
  ): Promise<{ conversation: ConversationSummary; message: MessageResponse }> {
    return firstValueFrom(
      this.http.post<{ conversation: ConversationSummary; message: MessageResponse }>(
        ConversationApi.conversations,
        enquiry.body,
      ),
    );
  }

  /**
   * Opens the caller's sealed conversation key: with her private key (client) or with the team
   * key that a lead sealed to this counsellor. {@link LockedConversationError} when it cannot be
   * opened, e.g. for a client whose key changed with a reset by e-mail.
   */
  async conversationKey(detail: ConversationDetail): Promise<CryptoKey> {
    const id = cacheKey(detail.id, detail.key);
    let key = this.keys.get(id);
    if (!key) {
      key = this.openKey(detail);
      this.keys.set(id, key);
      key.catch(() => this.keys.delete(id));
    }
    return key;
  }

  /** Encrypts a new message under the conversation key, bound to conversation, id and sender. */
  async prepareMessage(
    conversationId: string,
    key: CryptoKey,
    text: string,
  ): Promise<PreparedMessage> {
    const account = this.session.account();
    if (!account) {
      throw new Error('No session.');
    }
    const crypto = await loadCrypto();
    const id = globalThis.crypto.randomUUID();
    const envelope = await crypto.encryptMessage(
      key,
      { conversationId, messageId: id, senderId: account.id },
      { text },
    );
    return { id, envelope };
  }

  /**
   * Decrypts one stored message. Returns null when it cannot be opened (wrong key, altered,
   * moved): the thread shows it as locked instead of failing.
   */
  async open(
    conversationId: string,
    key: CryptoKey,
    message: MessageResponse,
  ): Promise<string | null> {
    if (!message.envelope || !message.senderId) {
      return null;
    }
    const crypto = await loadCrypto();
    try {
      const content = await crypto.decryptMessage(
        key,
        { conversationId, messageId: message.id, senderId: message.senderId },
        message.envelope,
      );
      return content.text;
    } catch {
      return null;
    }
  }

  /**
   * After the client reset her password by e-mail: seals the conversation key to her new public
   * key, so she can read the history again. Only after the counsellor made sure it is her.
   */
  async reshare(detail: ConversationDetail): Promise<void> {
    if (!detail.clientPublicKey) {
      throw new Error('The client key has not changed.');
    }
    const crypto = await loadCrypto();
    const envelope = await crypto.resealConversationKey(
      detail.key,
      await this.openTeamKey(),
      crypto.fromBase64Url(detail.clientPublicKey),
    );
    await firstValueFrom(this.http.put<void>(ConversationApi.clientKey(detail.id), { envelope }));
  }

  private async openKey(detail: ConversationDetail): Promise<CryptoKey> {
    const crypto = await loadCrypto();
    const privateKey = this.session.teamKeyGrant
      ? await this.openTeamKey()
      : this.session.privateKey;
    if (!privateKey) {
      throw new LockedConversationError();
    }
    try {
      return await crypto.openConversationKey(detail.key, privateKey);
    } catch (cause) {
      throw new LockedConversationError({ cause });
    }
  }

  private openTeamKey(): Promise<CryptoKey> {
    const grant = this.session.teamKeyGrant;
    const privateKey = this.session.privateKey;
    if (!grant || !privateKey) {
      return Promise.reject(new LockedConversationError());
    }
    if (!this.teamKey) {
      this.teamKey = loadCrypto().then((crypto) => crypto.openTeamKey(grant, privateKey));
      this.teamKey.catch(() => (this.teamKey = null));
    }
    return this.teamKey;
  }

  private forgetKeys(): void {
    this.teamKey = null;
    this.keys.clear();
  }
}

function cacheKey(conversationId: string, sealed: SealedEnvelopeDto): string {
  return `${conversationId}:${sealed.ct}`;
}

function loadCrypto(): Promise<Crypto> {
  return import('@confidant/shared/crypto');
}
