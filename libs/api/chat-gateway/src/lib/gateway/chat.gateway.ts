import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { AuthContext } from '@confidant/api/auth';
import { ConversationEvents, CounsellorChanged } from '@confidant/api/messaging';
import {
  ChatAck,
  ChatDelivered,
  ChatEnded,
  ChatEvents,
  ChatJoined,
  ChatMessage,
  ChatParticipant,
  ChatPresence,
  ChatTyping,
  ChatWatching,
  CHAT_NAMESPACE,
  AppointmentResponse,
} from '@confidant/shared/api-interfaces';
import type { Namespace, Socket } from 'socket.io';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { AppointmentChange, AppointmentEvents } from '../appointments/appointment-events';
import { endsAt } from '../appointments/appointment-view';
import { AppointmentsService } from '../appointments/appointments.service';
import { ChatRefusal, toFailure } from './chat-failure';
import { ChatCost } from './chat-limits';
import { ChatMessages } from './chat-messages';
import { PayloadShape, Payloads, readPayload } from './chat-payload';
import { chatRoom, ChatRooms, watchRoom } from './chat-rooms';
import { ChatSessions, ChatSocketData } from './chat-sessions';

/**
 * Largest socket.io frame: a 64 KB message envelope in base64url with room to spare. A larger
 * frame closes the connection (engine.io); an envelope over 64 KB within it gets `too-large`.
 */
export const MAX_FRAME_BYTES = 128 * 1024;

type Handler<T extends object> = (auth: AuthContext, now: Date) => Promise<ChatAck<T>>;

/** An event handler as the gateway's methods are: the socket and the payload in, the answer out. */
type EventHandler = (socket: Socket, body: unknown) => Promise<ChatAck<object>>;

/**
 * The live chat (socket.io namespace `/chat`, DESIGN.md section 7). The handshake needs the
 * session cookie and the portal's origin; every event is checked against the database again
 * (session, conversation, open appointment) and answered with an acknowledgement, `{ok: true, …}`
 * or `{ok: false, error, message}`. Nothing an event carries can crash the gateway: a bad one
 * only gets its error. Messages are stored as messages of kind `chat` before anyone receives
 * them, so the transcript stays in the thread. Nothing is logged about who or what.
 *
 * The events are bound to each socket here rather than with `@SubscribeMessage`: Nest's
 * per-event pipeline (observables, guards, pipes, parameter decorators) cost more CPU than the
 * relay of a message itself, and every handler already does its own checks and error answers.
 */
@WebSocketGateway({
  namespace: CHAT_NAMESPACE,
  serveClient: false,
  maxHttpBufferSize: MAX_FRAME_BYTES,
})
export class ChatGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(ChatGateway.name);
  private readonly endTimers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: (() => void)[];
  private readonly events: [string, EventHandler][] = [
    [ChatEvents.watch, (socket, body) => this.watch(socket, body)],
    [ChatEvents.unwatch, (socket, body) => this.unwatch(socket, body)],
    [ChatEvents.join, (socket, body) => this.join(socket, body)],
    [ChatEvents.leave, (socket, body) => this.leave(socket, body)],
    [ChatEvents.message, (socket, body) => this.message(socket, body)],
    [ChatEvents.typing, (socket, body) => this.typing(socket, body)],
    [ChatEvents.delivered, (socket, body) => this.delivered(socket, body)],
    [ChatEvents.end, (socket, body) => this.end(socket, body)],
  ];

  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly sessions: ChatSessions,
    private readonly rooms: ChatRooms,
    private readonly appointments: AppointmentsService,
    private readonly messages: ChatMessages,
    appointmentEvents: AppointmentEvents,
    conversationEvents: ConversationEvents,
  ) {
    this.unsubscribe = [
      appointmentEvents.onChange((appointment, change) =>
        this.appointmentChanged(appointment, change),
      ),
      conversationEvents.onCounsellorChanged((change) => this.counsellorChanged(change)),
    ];
  }

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.sessions.admit(socket).then(
        () => next(),
        (error: unknown) =>
          next(new Error(error instanceof ChatRefusal ? error.message : 'unavailable')),
      );
    });
  }

  /**
   * Everything was checked in the handshake; events are checked one by one. An event's last
   * argument, if a function, is its acknowledgement; the payload is the one argument before it
   * (several become an array, which no event accepts), as Nest's socket.io adapter reads them.
   */
  handleConnection(socket: Socket): void {
    for (const [event, handler] of this.events) {
      socket.on(event, (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as Acknowledge) : undefined;
        void handler(socket, args.length > 1 ? args : args[0]).then(
          (answer) => ack?.(answer),
          noop,
        );
      });
    }
    socket.on('disconnecting', () => {
      const rooms = this.joinedRooms(socket);
      // Once socket.io has taken her out of the rooms, the others learn who is left.
      setImmediate(() => rooms.forEach((room) => void this.announcePresence(room).catch(noop)));
    });
  }

  /**
   * The server is stopping: every socket hears {@link ChatEvents.restarting} and then loses its
   * connection (not a server-side disconnect, which a client would take as final), so that its
   * client reconnects as soon as a server answers.
   */
  restarting(): void {
    for (const socket of this.server.sockets.values()) {
      socket.emit(ChatEvents.restarting);
      socket.conn.close();
    }
  }

  handleDisconnect(socket: Socket): void {
    this.sessions.release(socket);
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((unsubscribe) => unsubscribe());
    this.endTimers.forEach((timer) => clearTimeout(timer));
    this.endTimers.clear();
  }

  /** Follow a conversation's appointments, to learn when the room opens ("waiting room"). */
  watch(socket: Socket, body: unknown): Promise<ChatAck<ChatWatching>> {
    return this.handle(socket, Payloads.room, body, async (dto, auth, now) => {
      const access = await this.rooms.participant(auth.account, dto.conversationId);
      await socket.join(watchRoom(access.conversation.id));
      const rows = await this.appointments.list(access.conversation.id);
      return {
        ok: true,
        appointments: rows.map((row) => this.appointments.toResponse(row, now)),
      };
    });
  }

  unwatch(socket: Socket, body: unknown): Promise<ChatAck> {
    return this.handle(socket, Payloads.room, body, async (dto) => {
      await socket.leave(watchRoom(dto.conversationId));
      return { ok: true };
    });
  }

  /**
   * Enter the room of the appointment open now. The counsellor's join opens a room that is due;
   * the client may join once it is open. `after` fetches what was missed since that message.
   */
  join(socket: Socket, body: unknown): Promise<ChatAck<ChatJoined>> {
    return this.handle(socket, Payloads.join, body, async (dto, auth, now) => {
      const { access, appointment } = await this.rooms.inOpenRoom(
        auth.account,
        dto.conversationId,
        now,
        true,
      );
      const conversationId = access.conversation.id;
      const missed = dto.after ? await this.rooms.missedSince(conversationId, dto.after) : [];
      await socket.join(chatRoom(conversationId));
      this.scheduleEnd(appointment);
      const present = await this.announcePresence(chatRoom(conversationId));
      return {
        ok: true,
        appointment: this.appointments.toResponse(appointment, now),
        present,
        missed,
      };
    });
  }

  leave(socket: Socket, body: unknown): Promise<ChatAck> {
    return this.handle(socket, Payloads.room, body, async (dto) => {
      const room = chatRoom(dto.conversationId);
      if (socket.rooms.has(room)) {
        await socket.leave(room);
        await this.announcePresence(room);
      }
      return { ok: true };
    });
  }

  /**
   * A message: stored as a message of kind `chat` (the same id again stores nothing new), then
   * sent to the others in the room; the acknowledgement carries the stored message. The checks
   * and the storing share a transaction with the other messages of the moment (group commit).
   */
  message(socket: Socket, body: unknown): Promise<ChatAck<{ message: ChatMessage }>> {
    return this.frame(
      socket,
      async () => {
        const dto = readPayload(Payloads.message, body);
        const room = this.joined(socket, dto.conversationId);
        const stored = await this.messages.store(socket, dto);
        socket.to(room).emit(ChatEvents.message, stored);
        return { ok: true, message: stored };
      },
      'message',
    );
  }

  /** She is typing: the others in the room learn it. Checked with the messages of the moment. */
  typing(socket: Socket, body: unknown): Promise<ChatAck> {
    return this.frame(socket, async () => {
      const dto = readPayload(Payloads.room, body);
      const room = this.joined(socket, dto.conversationId);
      await this.messages.authorise(socket, dto.conversationId);
      const typing: ChatTyping = {
        conversationId: dto.conversationId,
        ...participant(socket.data),
      };
      socket.to(room).emit(ChatEvents.typing, typing);
      return { ok: true };
    });
  }

  /**
   * The receiving browser confirms a message; the others in the room learn it arrived. Checked
   * with the messages of the moment.
   */
  delivered(socket: Socket, body: unknown): Promise<ChatAck> {
    return this.frame(socket, async () => {
      const dto = readPayload(Payloads.delivered, body);
      const room = this.joined(socket, dto.conversationId);
      await this.messages.authorise(socket, dto.conversationId);
      const delivered: ChatDelivered = {
        conversationId: dto.conversationId,
        id: dto.id,
        ...participant(socket.data),
      };
      socket.to(room).emit(ChatEvents.delivered, delivered);
      return { ok: true };
    });
  }

  /** The counsellor ends the chat for both: everyone gets `ended` and leaves the room. */
  end(socket: Socket, body: unknown): Promise<ChatAck<{ appointment: AppointmentResponse }>> {
    return this.handle(socket, Payloads.room, body, async (dto, auth, now) => {
      const { access, appointment } = await this.rooms.inOpenRoom(
        auth.account,
        dto.conversationId,
        now,
      );
      if (!access.isAssigned) {
        throw new ChatRefusal('forbidden', 'Only the counsellor ends the chat.');
      }
      const ended = await this.appointments.end(appointment, now);
      return { ok: true, appointment: this.appointments.toResponse(ended, now) };
    });
  }

  /** An event: its payload, the session checked again, then the handler. */
  private handle<D, T extends object>(
    socket: Socket,
    shape: PayloadShape<D>,
    body: unknown,
    handler: (dto: D, ...rest: Parameters<Handler<T>>) => ReturnType<Handler<T>>,
  ): Promise<ChatAck<T>> {
    return this.frame(socket, async () => {
      const dto = readPayload(shape, body);
      const now = new Date();
      const auth = await this.sessions.check(socket, now);
      return handler(dto, auth, now);
    });
  }

  /**
   * The frame of every event: the account's rate limit (over all her sockets), one event of a
   * socket after the other, and whatever fails becomes the error acknowledgement.
   */
  private async frame<T extends object>(
    socket: Socket,
    work: () => Promise<ChatAck<T>>,
    cost: ChatCost = 'event',
  ): Promise<ChatAck<T>> {
    // Refused before it queues: a flood waits nowhere. The budget answers in order of asking;
    // a counter store that fails lets the event pass rather than stop the chat.
    if (!(await this.sessions.take(socket, cost).catch(() => true))) {
      return {
        ok: false,
        error: 'rate-limited',
        message:
          cost === 'message'
            ? 'Too many messages; please wait a moment.'
            : 'Too many events; please slow down.',
      };
    }
    return this.sessions.serially(socket, async () => {
      try {
        return await work();
      } catch (error) {
        const failure = toFailure(error);
        if (failure.error === 'internal') {
          this.logger.warn(`A chat event failed: ${(error as Error)?.name ?? 'unknown error'}`);
        }
        return failure;
      }
    });
  }

  private joined(socket: Socket, conversationId: string): string {
    const room = chatRoom(conversationId);
    if (!socket.rooms.has(room)) {
      throw new ChatRefusal('not-joined', 'Join the room first.');
    }
    return room;
  }

  private joinedRooms(socket: Socket): string[] {
    return [...socket.rooms].filter((room) => room.startsWith('chat:'));
  }

  /** Everyone in the room, once per account, told to the room. */
  private async announcePresence(room: string): Promise<ChatParticipant[]> {
    const sockets = await this.server.in(room).fetchSockets();
    const present = new Map<string, ChatParticipant>();
    for (const member of sockets) {
      const data = member.data as ChatSocketData;
      present.set(data.accountId, participant(data));
    }
    const presence: ChatPresence = {
      conversationId: room.slice('chat:'.length),
      present: [...present.values()],
    };
    this.server.to(room).emit(ChatEvents.presence, presence);
    return presence.present;
  }

  /** Closes the room when the appointment's time is over. */
  private scheduleEnd(appointment: AppointmentEntity): void {
    if (this.endTimers.has(appointment.id)) {
      return;
    }
    const delay = Math.max(endsAt(appointment).getTime() - Date.now(), 0);
    const timer = setTimeout(() => {
      this.endTimers.delete(appointment.id);
      this.closeRoom(appointment, endsAt(appointment), 'time-over');
    }, delay);
    timer.unref();
    this.endTimers.set(appointment.id, timer);
  }

  private closeRoom(
    appointment: AppointmentEntity,
    endedAt: Date,
    reason: ChatEnded['reason'],
  ): void {
    clearTimeout(this.endTimers.get(appointment.id));
    this.endTimers.delete(appointment.id);
    const room = chatRoom(appointment.conversationId);
    const ended: ChatEnded = {
      conversationId: appointment.conversationId,
      appointmentId: appointment.id,
      endedAt: endedAt.toISOString(),
      reason,
    };
    this.server.to(room).emit(ChatEvents.ended, ended);
    this.server.in(room).socketsLeave(room);
  }

  /**
   * A lead gave the conversation to another counsellor: the previous one leaves its room and stops
   * following it at once, instead of hearing the room until her next event is refused.
   */
  private counsellorChanged({ conversationId, previous }: CounsellorChanged): void {
    if (!this.server || !previous) {
      return;
    }
    const room = chatRoom(conversationId);
    void this.server
      .in([room, watchRoom(conversationId)])
      .fetchSockets()
      .then(async (sockets) => {
        const leaving = sockets.filter((member) => member.data?.accountId === previous);
        const inRoom = leaving.some((member) => member.rooms.has(room));
        leaving.forEach((member) => {
          member.leave(room);
          member.leave(watchRoom(conversationId));
        });
        if (inRoom) {
          await this.announcePresence(room);
        }
      })
      .catch(noop);
  }

  /** Tells those who follow the conversation or sit in its room; closes a room that ended. */
  private appointmentChanged(appointment: AppointmentEntity, change: AppointmentChange): void {
    if (!this.server) {
      return;
    }
    const now = new Date();
    this.server
      .to([watchRoom(appointment.conversationId), chatRoom(appointment.conversationId)])
      .emit(ChatEvents.appointment, this.appointments.toResponse(appointment, now));
    if (change === 'ended') {
      this.closeRoom(appointment, appointment.endedAt ?? now, 'ended');
    } else if (change === 'cancelled' && appointment.roomOpenedAt) {
      this.closeRoom(appointment, now, 'cancelled');
    }
  }
}

type Acknowledge = (answer: unknown) => void;

function noop(): void {
  // Presence is best effort while sockets go away; an answer never fails.
}

function participant(data: ChatSocketData): ChatParticipant {
  return { accountId: data.accountId, role: data.role };
}
