import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { AuthContext } from '@confidant/api/auth';
import { MessagesService } from '@confidant/api/messaging';
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
import {
  ChatDeliveredDto,
  ChatJoinDto,
  ChatMessageDto,
  ChatRoomDto,
} from '@confidant/shared/api-interfaces/dto';
import type { Namespace, Socket } from 'socket.io';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { AppointmentChange, AppointmentEvents } from '../appointments/appointment-events';
import { endsAt } from '../appointments/appointment-view';
import { AppointmentsService } from '../appointments/appointments.service';
import { ChatRefusal, toFailure } from './chat-failure';
import { readPayload } from './chat-payload';
import { chatRoom, ChatRooms, watchRoom } from './chat-rooms';
import { ChatSessions, ChatSocketData } from './chat-sessions';
import { GroupCommit } from './group-commit';

/**
 * Largest socket.io frame: a 64 KB message envelope in base64url with room to spare. A larger
 * frame closes the connection (engine.io); an envelope over 64 KB within it gets `too-large`.
 */
export const MAX_FRAME_BYTES = 128 * 1024;

type Handler<T extends object> = (auth: AuthContext, now: Date) => Promise<ChatAck<T>>;

/**
 * The live chat (socket.io namespace `/chat`, DESIGN.md section 7). The handshake needs the
 * session cookie and the portal's origin; every event is checked against the database again
 * (session, conversation, open appointment) and answered with an acknowledgement, `{ok: true, …}`
 * or `{ok: false, error, message}`. Nothing an event carries can crash the gateway: a bad one
 * only gets its error. Messages are stored as messages of kind `chat` before anyone receives
 * them, so the transcript stays in the thread. Nothing is logged about who or what.
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
  private readonly unsubscribe: () => void;

  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly sessions: ChatSessions,
    private readonly rooms: ChatRooms,
    private readonly appointments: AppointmentsService,
    private readonly messages: MessagesService,
    private readonly group: GroupCommit,
    appointmentEvents: AppointmentEvents,
  ) {
    this.unsubscribe = appointmentEvents.onChange((appointment, change) =>
      this.appointmentChanged(appointment, change),
    );
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

  /** Everything was checked in the handshake; events are checked one by one. */
  handleConnection(socket: Socket): void {
    socket.on('disconnecting', () => {
      const rooms = this.joinedRooms(socket);
      // Once socket.io has taken her out of the rooms, the others learn who is left.
      setImmediate(() => rooms.forEach((room) => void this.announcePresence(room).catch(noop)));
    });
  }

  handleDisconnect(socket: Socket): void {
    this.sessions.release(socket);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    this.endTimers.forEach((timer) => clearTimeout(timer));
    this.endTimers.clear();
  }

  /** Follow a conversation's appointments, to learn when the room opens ("waiting room"). */
  @SubscribeMessage(ChatEvents.watch)
  watch(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<ChatAck<ChatWatching>> {
    return this.handle(socket, ChatRoomDto, body, async (dto, auth, now) => {
      const access = await this.rooms.participant(auth.account, dto.conversationId);
      await socket.join(watchRoom(access.conversation.id));
      const rows = await this.appointments.list(access.conversation.id);
      return {
        ok: true,
        appointments: rows.map((row) => this.appointments.toResponse(row, now)),
      };
    });
  }

  @SubscribeMessage(ChatEvents.unwatch)
  unwatch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck> {
    return this.handle(socket, ChatRoomDto, body, async (dto) => {
      await socket.leave(watchRoom(dto.conversationId));
      return { ok: true };
    });
  }

  /**
   * Enter the room of the appointment open now. The counsellor's join opens a room that is due;
   * the client may join once it is open. `after` fetches what was missed since that message.
   */
  @SubscribeMessage(ChatEvents.join)
  join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<ChatAck<ChatJoined>> {
    return this.handle(socket, ChatJoinDto, body, async (dto, auth, now) => {
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

  @SubscribeMessage(ChatEvents.leave)
  leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck> {
    return this.handle(socket, ChatRoomDto, body, async (dto) => {
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
  @SubscribeMessage(ChatEvents.message)
  message(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<ChatAck<{ message: ChatMessage }>> {
    return this.frame(socket, async () => {
      const dto = await readPayload(ChatMessageDto, body);
      const room = this.joined(socket, dto.conversationId);
      const now = new Date();
      const stored = await this.group.run(
        async () => {
          const auth = await this.sessions.check(socket, now);
          const { access } = await this.rooms.inOpenRoom(auth.account, dto.conversationId, now);
          return { auth, access };
        },
        async ({ auth, access }) => {
          const { message } = await this.messages.post(
            access,
            auth.account,
            { id: dto.id, envelope: dto.envelope },
            'chat',
            now,
          );
          return { ...message, conversationId: access.conversation.id } satisfies ChatMessage;
        },
      );
      socket.to(room).emit(ChatEvents.message, stored);
      return { ok: true, message: stored };
    });
  }

  @SubscribeMessage(ChatEvents.typing)
  typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck> {
    return this.handle(socket, ChatRoomDto, body, async (dto, auth, now) => {
      const room = this.joined(socket, dto.conversationId);
      await this.rooms.inOpenRoom(auth.account, dto.conversationId, now);
      const typing: ChatTyping = {
        conversationId: dto.conversationId,
        ...participant(socket.data),
      };
      socket.to(room).emit(ChatEvents.typing, typing);
      return { ok: true };
    });
  }

  /** The receiving browser confirms a message; the others in the room learn it arrived. */
  @SubscribeMessage(ChatEvents.delivered)
  delivered(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck> {
    return this.handle(socket, ChatDeliveredDto, body, async (dto, auth, now) => {
      const room = this.joined(socket, dto.conversationId);
      await this.rooms.inOpenRoom(auth.account, dto.conversationId, now);
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
  @SubscribeMessage(ChatEvents.end)
  end(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<ChatAck<{ appointment: AppointmentResponse }>> {
    return this.handle(socket, ChatRoomDto, body, async (dto, auth, now) => {
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
  private handle<D extends object, T extends object>(
    socket: Socket,
    dtoClass: new () => D,
    body: unknown,
    handler: (dto: D, ...rest: Parameters<Handler<T>>) => ReturnType<Handler<T>>,
  ): Promise<ChatAck<T>> {
    return this.frame(socket, async () => {
      const dto = await readPayload(dtoClass, body);
      const now = new Date();
      const auth = await this.sessions.check(socket, now);
      return handler(dto, auth, now);
    });
  }

  /**
   * The frame of every event: the rate limit, one event of a socket after the other, and
   * whatever fails becomes the error acknowledgement.
   */
  private frame<T extends object>(
    socket: Socket,
    work: () => Promise<ChatAck<T>>,
  ): Promise<ChatAck<T>> {
    if (!this.sessions.take(socket)) {
      return Promise.resolve({
        ok: false,
        error: 'rate-limited',
        message: 'Too many events; please slow down.',
      });
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

function noop(): void {
  // Presence is best effort while sockets go away.
}

function participant(data: ChatSocketData): ChatParticipant {
  return { accountId: data.accountId, role: data.role };
}
