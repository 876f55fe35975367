import { MessageResponse } from './conversations';
import { AesEnvelopeDto } from './envelopes';
import { Role } from './roles';

/** The centre's time zone unless configured otherwise; appointments are shown in it, saying so. */
export const DEFAULT_CENTRE_TIME_ZONE = 'Europe/Berlin';

/** Shortest and longest chat appointment, in minutes. */
export const APPOINTMENT_MINUTES = { min: 30, max: 90 } as const;

/** How many dates one proposal may offer. */
export const MAX_APPOINTMENT_OPTIONS = 5;

/** The counsellor may open the room this many minutes before the start, until the end. */
export const ROOM_OPENS_MINUTES_BEFORE = 10;

/**
 * Where a proposed date stands. Accepting one date of a proposal declines its other dates;
 * declining declines every open date of the proposal.
 */
export type AppointmentStatus = 'proposed' | 'accepted' | 'declined' | 'cancelled';

/**
 * The live chat room of an appointment, as of the answer:
 * - `closed`: not accepted, or more than ten minutes before the start;
 * - `openable`: accepted and within the window, the counsellor has not opened it yet;
 * - `open`: the counsellor has opened it; the client may enter ("Your counsellor is waiting");
 * - `ended`: the counsellor ended the chat, or the appointment's time is over.
 */
export type RoomState = 'closed' | 'openable' | 'open' | 'ended';

/**
 * One proposed date (`GET /api/conversations/:id/appointments`, `GET /api/appointments`).
 * Instants are ISO 8601 in UTC; `localStart`/`localEnd` are the same instants as wall-clock
 * times (`YYYY-MM-DDTHH:mm`) in `timeZone`, the centre's zone, for display ("14:30, German time").
 */
export interface AppointmentResponse {
  id: string;
  conversationId: string;
  /** Dates proposed together share this id; the client accepts one of them. */
  proposalId: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  timeZone: string;
  localStart: string;
  localEnd: string;
  status: AppointmentStatus;
  /** The counsellor who proposed it (null if her account is gone). */
  proposedBy: string | null;
  proposedAt: string;
  /** When the client accepted or declined. */
  respondedAt: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelledByRole: Role | null;
  /**
   * Why it was cancelled, end-to-end encrypted with the conversation key like a message whose
   * id is the appointment's id and whose sender is `cancelledBy`; plaintext `{"text": "…"}`.
   */
  cancelReason: AesEnvelopeDto | null;
  /** From when the counsellor may open the room (ten minutes before the start). */
  roomOpensAt: string;
  roomOpenedAt: string | null;
  /** When the counsellor ended the chat; null while not ended that way. */
  endedAt: string | null;
  room: RoomState;
}

/** Path of the socket.io namespace of the live chat (default socket.io path `/socket.io/`). */
export const CHAT_NAMESPACE = '/chat';

/**
 * Event names of the `/chat` namespace. Every event a browser sends takes an acknowledgement
 * callback and is answered with a {@link ChatAck}.
 */
export const ChatEvents = {
  /** Client → server `{conversationId}`: follow a conversation's appointments (waiting room). */
  watch: 'watch',
  /** Client → server `{conversationId}`: stop following. */
  unwatch: 'unwatch',
  /** Client → server `{conversationId, after?}`: enter the open room (counsellor: opens it). */
  join: 'join',
  /** Client → server `{conversationId}`: leave the room. */
  leave: 'leave',
  /** Both ways: `{conversationId, id, envelope}` in, the stored message (+ conversationId) out. */
  message: 'message',
  /** Both ways: `{conversationId}` in, {@link ChatTyping} out. */
  typing: 'typing',
  /** Both ways: `{conversationId, id}` in (a message arrived), {@link ChatDelivered} out. */
  delivered: 'delivered',
  /** Client → server `{conversationId}`: the counsellor ends the chat for both. */
  end: 'end',
  /** Server → client: {@link ChatPresence}, who is in the room. */
  presence: 'presence',
  /** Server → client: {@link ChatEnded}; everyone has been taken out of the room. */
  ended: 'ended',
  /** Server → client: an {@link AppointmentResponse} that changed (proposed, accepted, opened…). */
  appointment: 'appointment',
  /**
   * Server → client, no payload: this server is stopping (an update, or another instance takes
   * over). It closes the connection right after, without ending it: socket.io reconnects by
   * itself, to whichever server answers next, and the rooms are joined again.
   */
  restarting: 'restarting',
} as const;

/** Why an event was refused. */
export type ChatErrorCode =
  /** No live session (the socket is disconnected right after). */
  | 'unauthorized'
  /** The payload is malformed; `message` says how. */
  | 'bad-request'
  /** No such conversation for the caller (as 404 over HTTP). */
  | 'not-found'
  /** Visible, but the caller may not do this (as 403). */
  | 'forbidden'
  /** No appointment's room is open now. */
  | 'not-open'
  /** The socket has not joined this conversation's room. */
  | 'not-joined'
  /** The envelope is larger than 64 KB. */
  | 'too-large'
  /** Too many events or messages from this account (all her sockets together); wait a moment. */
  | 'rate-limited'
  /**
   * The handshake was refused (`connect_error` with this message): the session or the account
   * already has as many chat connections as it may (browser tabs); close one and connect again.
   */
  | 'too-many-connections'
  /** A different message already has this id. */
  | 'conflict'
  /** Something failed on the server; try again. */
  | 'internal';

export interface ChatFailure {
  ok: false;
  error: ChatErrorCode;
  message: string;
}

/** The acknowledgement of every event: `{ok: true, …}` or `{ok: false, error, message}`. */
export type ChatAck<T extends object = object> = ({ ok: true } & T) | ChatFailure;

/** A message in the room: exactly as in the message list, plus its conversation. */
export interface ChatMessage extends MessageResponse {
  conversationId: string;
}

export interface ChatParticipant {
  accountId: string;
  role: Role;
}

export interface ChatPresence {
  conversationId: string;
  /** Everyone in the room now, once per account. */
  present: ChatParticipant[];
}

export interface ChatTyping extends ChatParticipant {
  conversationId: string;
}

/** The receiver's browser confirmed that message `id` arrived. */
export interface ChatDelivered extends ChatParticipant {
  conversationId: string;
  id: string;
}

export interface ChatEnded {
  conversationId: string;
  appointmentId: string;
  endedAt: string;
  reason: 'ended' | 'cancelled' | 'time-over';
}

/** Acknowledgement of `join`: the room's appointment, who is there and what was missed. */
export interface ChatJoined {
  appointment: AppointmentResponse;
  present: ChatParticipant[];
  /** Messages after `after` (oldest first); empty without `after`. */
  missed: MessageResponse[];
}

/** Acknowledgement of `watch`: the conversation's appointments now. */
export interface ChatWatching {
  appointments: AppointmentResponse[];
}
