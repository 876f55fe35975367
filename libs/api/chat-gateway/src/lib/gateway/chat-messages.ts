import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthContext } from '@confidant/api/auth';
import { MessagesService, NewPost } from '@confidant/api/messaging';
import { ChatMessage } from '@confidant/shared/api-interfaces';
import { ChatMessageDto, NewMessageDto } from '@confidant/shared/api-interfaces/dto';
import type { Socket } from 'socket.io';
import { DataSource, EntityManager } from 'typeorm';
import { ChatRooms, OpenRoom } from './chat-rooms';
import { ChatSessions } from './chat-sessions';
import { GroupCommit, MAX_GROUP } from './group-commit';

/** An event of a socket, waiting to be checked (and stored) with the others of the moment. */
interface Outgoing {
  socket: Socket;
  conversationId: string;
  now: Date;
  /** The message to store; none for an event that needs only the checks (typing, delivered). */
  message?: NewMessageDto;
}

/**
 * Checks and stores the chat messages that arrive together, in one transaction ({@link
 * GroupCommit}), with the typing and delivery notes of the moment, which need the same checks.
 * Each event is checked against the database as if it came alone: the session of its socket (one
 * query each, {@link ChatSessions.check}), its conversation and the open appointment (two queries
 * for the whole group, read at the same time as the sessions); the messages are stored together
 * in three statements ({@link MessagesService.postMany}). An event that fails any of it is refused
 * on its own.
 */
@Injectable()
export class ChatMessages {
  private readonly group: GroupCommit<Outgoing, ChatMessage | null>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly sessions: ChatSessions,
    private readonly rooms: ChatRooms,
    private readonly messages: MessagesService,
  ) {
    this.group = new GroupCommit(
      dataSource,
      (items, manager) => this.checkAndStore(items, manager),
      MAX_GROUP,
      (items) => items.some((item) => item.message),
    );
  }

  /** The stored message, once it is committed; rejects with the reason when it is refused. */
  async store(socket: Socket, dto: ChatMessageDto, now = new Date()): Promise<ChatMessage> {
    const message = { id: dto.id, envelope: dto.envelope };
    const { conversationId } = dto;
    return (await this.group.submit({ socket, conversationId, now, message })) as ChatMessage;
  }

  /**
   * Resolves when the socket's session is live and its account takes part in the conversation's
   * open room (for typing and delivery notes); rejects with the reason otherwise.
   */
  async authorise(socket: Socket, conversationId: string, now = new Date()): Promise<void> {
    await this.group.submit({ socket, conversationId, now });
  }

  private async checkAndStore(
    items: Outgoing[],
    manager: EntityManager,
  ): Promise<PromiseSettledResult<ChatMessage | null>[]> {
    const results: PromiseSettledResult<ChatMessage | null>[] = new Array(items.length);
    // The sessions, and the conversations with their appointments, are read at the same time.
    const latest = new Date(Math.max(...items.map((item) => item.now.getTime())));
    const [sessions, openRoom] = await Promise.all([
      Promise.allSettled(items.map(({ socket, now }) => this.sessions.check(socket, now))),
      this.rooms.loadOpenRooms(
        items.map((item) => item.conversationId),
        latest,
      ),
    ]);
    const open: { index: number; auth: AuthContext; room: OpenRoom; message: NewMessageDto }[] = [];
    sessions.forEach((session, index) => {
      if (session.status === 'rejected') {
        results[index] = session;
        return;
      }
      const { conversationId, now, message } = items[index];
      try {
        const room = openRoom(session.value.account, conversationId, now);
        if (message) {
          open.push({ index, auth: session.value, room, message });
        } else {
          results[index] = { status: 'fulfilled', value: null };
        }
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    });
    if (open.length === 0) {
      return results;
    }
    const posted = await this.messages.postMany(
      open.map(({ index, auth, room, message }): NewPost => {
        const { now } = items[index];
        return { access: room.access, author: auth.account, dto: message, kind: 'chat', now };
      }),
      manager,
    );
    posted.forEach((result, at) => {
      const { index, room } = open[at];
      results[index] =
        result.status === 'fulfilled'
          ? {
              status: 'fulfilled',
              value: { ...result.value.message, conversationId: room.access.conversation.id },
            }
          : result;
    });
    return results;
  }
}
