import { AesEnvelopeDto, SealedEnvelopeDto } from './envelopes';
import { Role } from './roles';

/** Who is expected to write next in an open conversation. */
export type ConversationState = 'waiting-for-counsellor' | 'waiting-for-client' | 'closed';

/** A conversation in a list (`GET /api/conversations`, `GET /api/conversations/queue`). */
export interface ConversationSummary {
  id: string;
  topic: string | null;
  state: ConversationState;
  /** The assigned counsellor's display name, null while the enquiry waits in the queue. */
  counsellorName: string | null;
  counsellorId: string | null;
  createdAt: string;
  lastMessageAt: string;
  /** Since when the client has been waiting for an answer; null when she is not waiting. */
  clientWaitingSince: string | null;
  unread: number;
  /** The client's identity key changed (reset by e-mail) and the key was not re-shared yet. */
  clientKeyChanged: boolean;
}

/** `GET /api/conversations/:id`: the summary plus the caller's sealed conversation key. */
export interface ConversationDetail extends ConversationSummary {
  /** Sealed to the client's public key (for her) or to the team key (for staff). */
  key: SealedEnvelopeDto;
  /** For staff after a key change: the client's new public key to re-seal the key to. */
  clientPublicKey: string | null;
}

/**
 * Largest message plaintext in bytes: the UTF-8 of the JSON `{"text": …}` that the browser encrypts.
 * The API refuses a ciphertext over this plus the 16-byte tag with 413; the composer refuses first.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type MessageKind = 'message' | 'chat' | 'notice';

/** Neutral system notes in a thread; they carry no content. */
export type NoticeCode = 'counsellor-changed' | 'closed' | 'reopened' | 'key-changed';

/** A stored message (`GET /api/conversations/:id/messages`). */
export interface MessageResponse {
  id: string;
  senderId: string | null;
  senderRole: Role | null;
  kind: MessageKind;
  /** End-to-end encrypted content; null for notices. */
  envelope: AesEnvelopeDto | null;
  notice: NoticeCode | null;
  createdAt: string;
}

/** Anonymous statistics for leads (`GET /api/statistics`). */
export interface StatisticsResponse {
  months: {
    month: string;
    enquiries: number;
    answered: number;
    medianFirstAnswerHours: number | null;
    answeredWithinPromise: number;
  }[];
}
