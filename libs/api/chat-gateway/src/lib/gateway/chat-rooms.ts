import { BadRequestException, Injectable } from '@nestjs/common';
import { AccountEntity } from '@confidant/api/auth';
import { Access, ConversationAccess, MessagesService } from '@confidant/api/messaging';
import { MessageResponse } from '@confidant/shared/api-interfaces';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { roomState } from '../appointments/appointment-view';
import { AppointmentsService } from '../appointments/appointments.service';
import { ChatRefusal } from './chat-failure';

/** The socket.io room of a conversation's live chat, and the one of those who wait for it. */
export const chatRoom = (conversationId: string) => `chat:${conversationId}`;
export const watchRoom = (conversationId: string) => `watch:${conversationId}`;

/** A participant's access to a conversation whose room is open, with its appointment. */
export interface OpenRoom {
  access: Access;
  appointment: AppointmentEntity;
}

/** How far back a reconnecting browser may catch up, in pages of 200 messages. */
const CATCH_UP_PAGES = 5;
const PAGE = 200;

/** Who may be in a room and what she missed: always decided from the database. */
@Injectable()
export class ChatRooms {
  constructor(
    private readonly access: ConversationAccess,
    private readonly appointments: AppointmentsService,
    private readonly messages: MessagesService,
  ) {}

  /** The client or the assigned counsellor (404 for those who cannot see it, 403 for others). */
  participant(account: AccountEntity, conversationId: string): Promise<Access> {
    return this.access.findForWriting(account, conversationId);
  }

  /**
   * A participant of a conversation whose room is open now, with the appointment. The
   * counsellor's `join` may open a room that is due (`openRoom`); nobody else opens one.
   */
  async inOpenRoom(
    account: AccountEntity,
    conversationId: string,
    now: Date,
    openRoom = false,
  ): Promise<OpenRoom> {
    const [access, appointment] = await Promise.all([
      this.participant(account, conversationId),
      this.appointments.current(conversationId, now),
    ]);
    if (openRoom && access.isAssigned && appointment && roomState(appointment, now) !== 'open') {
      return { access, appointment: await this.appointments.open({ appointment, access }, now) };
    }
    return openNow(access, appointment, now);
  }

  /**
   * {@link inOpenRoom} (without opening) in two steps, for the messages of one moment: the
   * conversations and their appointments are read at once (two queries for all), up to `latest`,
   * the latest of the messages' times; the function this resolves with decides for each message
   * (throwing the same refusals).
   */
  async loadOpenRooms(
    conversationIds: string[],
    latest: Date,
  ): Promise<(account: AccountEntity, conversationId: string, now: Date) => OpenRoom> {
    const [access, current] = await Promise.all([
      this.access.loadForWriting(conversationIds),
      this.appointments.loadCurrent(conversationIds, latest),
    ]);
    return (account, conversationId, now) =>
      openNow(access(account, conversationId), current(conversationId, now), now);
  }

  /**
   * The messages after `after`, oldest first, for a browser that reconnects: it names the newest
   * message it has and gets the rest. Looks back at most 1 000 messages.
   */
  async missedSince(conversationId: string, after: string): Promise<MessageResponse[]> {
    const newer: MessageResponse[] = [];
    let before: string | undefined;
    for (let page = 0; page < CATCH_UP_PAGES; page++) {
      const rows = await this.messages.page(conversationId, before, PAGE);
      const index = rows.findIndex((row) => row.id === after);
      if (index >= 0) {
        return [...rows.slice(index + 1), ...newer];
      }
      newer.unshift(...rows);
      if (rows.length < PAGE) {
        break;
      }
      before = rows[0].id;
    }
    throw new BadRequestException(
      'after is not one of the latest messages of this conversation; load the conversation again',
    );
  }
}

/** The room of the appointment, if it is open now; otherwise the refusal. */
function openNow(access: Access, appointment: AppointmentEntity | null, now: Date): OpenRoom {
  if (!appointment) {
    throw new ChatRefusal('not-open', 'There is no chat appointment at this time.');
  }
  if (roomState(appointment, now) !== 'open') {
    throw new ChatRefusal('not-open', 'Your counsellor has not opened the chat room yet.');
  }
  return { access, appointment };
}
