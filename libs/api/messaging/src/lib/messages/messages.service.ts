import {
  BadRequestException,
  ConflictException,
  Injectable,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AccountEntity, AccountService } from '@confidant/api/auth';
import { MessageResponse, Roles } from '@confidant/shared/api-interfaces';
import { MAX_MESSAGE_BYTES, NewMessageDto } from '@confidant/shared/api-interfaces/dto';
import { Brackets, DataSource, EntityManager, Repository } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity';
import { ReplyNoticeService } from '../notices/reply-notice.service';
import { StatisticsService } from '../statistics/statistics.service';
import { Access } from '../conversations/conversation-access';
import { MessageEntity } from './message.entity';
import { ReadMarkerEntity } from './read-marker.entity';

export const DEFAULT_PAGE_SIZE = 50;

export function toMessageResponse(message: MessageEntity): MessageResponse {
  return {
    id: message.id,
    senderId: message.senderId,
    senderRole: message.senderRole,
    kind: message.kind,
    envelope: message.envelope ? JSON.parse(message.envelope) : null,
    notice: message.notice,
    createdAt: message.createdAt.toISOString(),
  };
}

/** Messages: stored as their authors' browsers encrypted them; listed by cursor, newest last. */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(ReadMarkerEntity) private readonly markers: Repository<ReadMarkerEntity>,
    private readonly accounts: AccountService,
    private readonly notices: ReplyNoticeService,
    private readonly statistics: StatisticsService,
  ) {}

  /**
   * A page of up to `limit` messages before the message `before` (or the newest), oldest first.
   * The order is by (created_at, id), so pages stay stable while new messages arrive.
   */
  async page(
    conversationId: string,
    before: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<MessageResponse[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId', { conversationId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit);
    if (before) {
      const cursor = await this.messages.findOneBy({ id: before, conversationId });
      if (!cursor) {
        throw new BadRequestException('before must be the id of a message of this conversation');
      }
      query.andWhere(
        new Brackets((where) =>
          where
            .where('m.created_at < :at', { at: cursor.createdAt.getTime() })
            .orWhere('(m.created_at = :at AND m.id < :id)', {
              at: cursor.createdAt.getTime(),
              id: cursor.id,
            }),
        ),
      );
    }
    const rows = await query.getMany();
    return rows.reverse().map(toMessageResponse);
  }

  /**
   * Stores a message. The same id again from the same author returns the stored message and adds
   * nothing, so a retry after a lost answer never doubles a message.
   */
  async post(
    access: Access,
    author: AccountEntity,
    dto: NewMessageDto,
    kind: 'message' | 'chat' = 'message',
    now = new Date(),
  ): Promise<{ message: MessageResponse; created: boolean }> {
    assertSize(dto);
    const existing = await this.messages.findOneBy({ id: dto.id });
    if (existing) {
      return {
        message: this.sameOrConflict(existing, access.conversation.id, author.id),
        created: false,
      };
    }
    const conversation = access.conversation;
    const fromClient = access.isClient;
    const firstAnswer = !fromClient && !(await this.hasAnswer(conversation.id));
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(MessageEntity, {
        id: dto.id,
        conversationId: conversation.id,
        senderId: author.id,
        senderRole: author.role,
        kind,
        envelope: JSON.stringify(dto.envelope),
        notice: null,
        createdAt: now,
      });
      await manager.update(
        ConversationEntity,
        { id: conversation.id },
        fromClient
          ? {
              lastMessageAt: now,
              closedAt: null,
              clientWaitingSince: conversation.clientWaitingSince ?? now,
            }
          : { lastMessageAt: now, clientWaitingSince: null },
      );
      await this.markRead(manager, conversation.id, author.id, now);
    });
    if (fromClient) {
      await this.accounts.recordActivity(author.id, now);
    } else {
      if (firstAnswer) {
        await this.statistics.recordFirstAnswer(conversation.statId, conversation.createdAt, now);
      }
      this.notices.notify(conversation, now);
    }
    const stored = await this.messages.findOneByOrFail({ id: dto.id });
    return { message: toMessageResponse(stored), created: true };
  }

  /** A content-free note in the thread, such as "your counsellor changed". */
  async addNotice(
    manager: EntityManager,
    conversationId: string,
    notice: MessageEntity['notice'],
    now: Date,
    id: string,
  ): Promise<void> {
    await manager.insert(MessageEntity, {
      id,
      conversationId,
      senderId: null,
      senderRole: null,
      kind: 'notice',
      envelope: null,
      notice,
      createdAt: now,
    });
  }

  async markReadUpTo(conversationId: string, accountId: string, messageId: string): Promise<void> {
    const message = await this.messages.findOneBy({ id: messageId, conversationId });
    if (!message) {
      throw new BadRequestException('upTo must be the id of a message of this conversation');
    }
    await this.markRead(this.dataSource.manager, conversationId, accountId, message.createdAt);
  }

  /** Unread messages from others, per conversation, for one reader. */
  async unreadCounts(conversationIds: string[], readerId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (conversationIds.length === 0) {
      return counts;
    }
    const rows: { conversation_id: string; unread: string | number }[] = await this.messages
      .createQueryBuilder('m')
      .select('m.conversation_id', 'conversation_id')
      .addSelect('COUNT(*)', 'unread')
      .leftJoin(
        ReadMarkerEntity,
        'r',
        'r.conversation_id = m.conversation_id AND r.account_id = :readerId',
        { readerId },
      )
      .where('m.conversation_id IN (:...conversationIds)', { conversationIds })
      .andWhere("m.kind <> 'notice'")
      .andWhere('(m.sender_id IS NULL OR m.sender_id <> :readerId)', { readerId })
      .andWhere('(r.read_up_to IS NULL OR m.created_at > r.read_up_to)')
      .groupBy('m.conversation_id')
      .getRawMany();
    for (const row of rows) {
      counts.set(row.conversation_id, Number(row.unread));
    }
    return counts;
  }

  private async markRead(
    manager: EntityManager,
    conversationId: string,
    accountId: string,
    upTo: Date,
  ): Promise<void> {
    const marker = await manager.findOneBy(ReadMarkerEntity, { conversationId, accountId });
    if (!marker) {
      await manager.insert(ReadMarkerEntity, { conversationId, accountId, readUpTo: upTo });
    } else if (marker.readUpTo.getTime() < upTo.getTime()) {
      await manager.update(ReadMarkerEntity, { conversationId, accountId }, { readUpTo: upTo });
    }
  }

  private async hasAnswer(conversationId: string): Promise<boolean> {
    return this.messages.exists({
      where: [
        { conversationId, senderRole: Roles.counsellor },
        { conversationId, senderRole: Roles.lead },
      ],
    });
  }

  private sameOrConflict(
    existing: MessageEntity,
    conversationId: string,
    authorId: string,
  ): MessageResponse {
    if (existing.conversationId !== conversationId || existing.senderId !== authorId) {
      throw new ConflictException('A different message with this id exists.');
    }
    return toMessageResponse(existing);
  }
}

/** Envelopes over 64 KB are refused with 413 before anything is stored. */
export function assertSize(dto: NewMessageDto): void {
  const ctBytes = Math.floor((dto.envelope.ct.length * 3) / 4);
  if (ctBytes > MAX_MESSAGE_BYTES + 16) {
    throw new PayloadTooLargeException('A message may be at most 64 KB.');
  }
}
