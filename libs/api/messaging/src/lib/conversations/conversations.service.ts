import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { CentreService } from '@confidant/api/accounts';
import { AccountEntity, AccountService } from '@confidant/api/auth';
import {
  ConversationDetail,
  ConversationSummary,
  MessageResponse,
  Roles,
  SealedEnvelopeDto,
} from '@confidant/shared/api-interfaces';
import { NewConversationDto } from '@confidant/shared/api-interfaces/dto';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { assertSize, MessagesService, toMessageResponse } from '../messages/messages.service';
import { MessageEntity } from '../messages/message.entity';
import { StatisticsService } from '../statistics/statistics.service';
import { Access } from './conversation-access';
import { ConversationEvents } from './conversation-events';
import { clientKeyChanged, LoadedConversation, toSummary } from './conversation-view';
import { ConversationEntity } from './conversation.entity';

/** Enquiries, the queue, assignment and closing (DESIGN.md section 7). */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(MessageEntity) private readonly messageRows: Repository<MessageEntity>,
    private readonly messages: MessagesService,
    private readonly accounts: AccountService,
    private readonly centre: CentreService,
    private readonly statistics: StatisticsService,
    private readonly events: ConversationEvents,
  ) {}

  /**
   * A new enquiry: the conversation, its two sealed keys and the first message in one transaction,
   * so that nothing half-written remains. The same request again returns the same conversation.
   */
  async create(
    client: AccountEntity,
    dto: NewConversationDto,
    now = new Date(),
  ): Promise<{ summary: ConversationSummary; message: MessageResponse; created: boolean }> {
    assertSize(dto.message);
    const existing = await this.conversations.findOneBy({ id: dto.id });
    if (existing) {
      const first = await this.messageRows.findOneBy({
        id: dto.message.id,
        conversationId: dto.id,
      });
      if (existing.clientId !== client.id || !first) {
        throw new ConflictException('A different conversation with this id exists.');
      }
      return {
        summary: await this.summaryOf(client, dto.id),
        message: toMessageResponse(first),
        created: false,
      };
    }
    if (await this.messageRows.existsBy({ id: dto.message.id })) {
      throw new ConflictException('A different message with this id exists.');
    }
    const centre = await this.centre.getCentre();
    if (!centre.teamPublicKey) {
      throw new ConflictException('The centre is not set up yet; please try again later.');
    }
    await this.dataSource.transaction(async (manager) => {
      const statId = await this.statistics.recordEnquiry(manager, now, centre.responseDays);
      await manager.insert(ConversationEntity, {
        id: dto.id,
        clientId: client.id,
        counsellorId: null,
        topic: dto.topic?.trim() || null,
        clientKey: JSON.stringify(dto.keys.client),
        clientKeyAt: now,
        teamKey: JSON.stringify(dto.keys.team),
        createdAt: now,
        lastMessageAt: now,
        clientWaitingSince: now,
        closedAt: null,
        lastNoticeMailAt: null,
        firstAnswerAt: null,
        statId,
      });
      await manager.insert(MessageEntity, {
        id: dto.message.id,
        conversationId: dto.id,
        senderId: client.id,
        senderRole: client.role,
        kind: 'message',
        envelope: JSON.stringify(dto.message.envelope),
        notice: null,
        createdAt: now,
      });
    });
    await this.accounts.recordActivity(client.id, now);
    const message = await this.messageRows.findOneByOrFail({ id: dto.message.id });
    return {
      summary: await this.summaryOf(client, dto.id),
      message: toMessageResponse(message),
      created: true,
    };
  }

  /** Her own conversations (client), or those assigned to her (staff; a lead may ask for all). */
  async list(caller: AccountEntity, all = false): Promise<ConversationSummary[]> {
    const where =
      caller.role === Roles.client
        ? { clientId: caller.id }
        : all && caller.role === Roles.lead && caller.teamKeyGrant
          ? {}
          : { counsellorId: caller.id };
    const rows = (await this.conversations.find({
      where,
      relations: { client: true, counsellor: true },
      order: { lastMessageAt: 'DESC' },
    })) as LoadedConversation[];
    if (caller.role !== Roles.client) {
      // Staff see first whoever has been waiting longest for an answer.
      rows.sort(
        (a, b) =>
          (a.clientWaitingSince?.getTime() ?? Infinity) -
            (b.clientWaitingSince?.getTime() ?? Infinity) ||
          b.lastMessageAt.getTime() - a.lastMessageAt.getTime(),
      );
    }
    return this.summaries(caller, rows);
  }

  /** Unassigned open enquiries, oldest first: the team queue. */
  async queue(caller: AccountEntity): Promise<ConversationSummary[]> {
    if (!caller.teamKeyGrant) {
      return [];
    }
    const rows = (await this.conversations.find({
      where: { counsellorId: IsNull(), closedAt: IsNull() },
      relations: { client: true, counsellor: true },
      order: { createdAt: 'ASC' },
    })) as LoadedConversation[];
    return this.summaries(caller, rows);
  }

  async detail(caller: AccountEntity, access: Access): Promise<ConversationDetail> {
    const conversation = access.conversation;
    const [summary] = await this.summaries(caller, [conversation]);
    const changed = clientKeyChanged(conversation);
    return {
      ...summary,
      key: JSON.parse(
        access.isClient ? conversation.clientKey : conversation.teamKey,
      ) as SealedEnvelopeDto,
      clientPublicKey: !access.isClient && changed ? conversation.client.publicKey : null,
    };
  }

  /**
   * Take over (a counsellor, from the queue) or assign (a lead, to anyone with the team key).
   * When two take the same enquiry at once, the database decides: one wins, the other gets 409.
   */
  async assign(
    caller: AccountEntity,
    access: Access,
    counsellorId: string | undefined,
    now = new Date(),
  ): Promise<ConversationSummary> {
    const conversation = access.conversation;
    const target = counsellorId ?? caller.id;
    if (target !== caller.id && !access.isLead) {
      throw new NotFoundException('There is no such conversation.');
    }
    const counsellor = target === caller.id ? caller : await this.accounts.findById(target);
    if (
      !counsellor ||
      counsellor.role === Roles.client ||
      !counsellor.active ||
      !counsellor.teamKeyGrant
    ) {
      throw new ConflictException(
        'This counsellor cannot take conversations (no team key or inactive).',
      );
    }
    if (access.isLead && counsellorId) {
      const previous = conversation.counsellorId;
      if (previous === target) {
        return this.summaryOf(caller, conversation.id);
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.update(ConversationEntity, { id: conversation.id }, { counsellorId: target });
        if (previous) {
          await this.messages.addNotice(
            manager,
            conversation.id,
            'counsellor-changed',
            now,
            randomUUID(),
          );
        }
      });
      this.events.counsellorChanged({ conversationId: conversation.id, previous, next: target });
      return this.summaryOf(caller, conversation.id);
    }
    if (conversation.counsellorId === caller.id) {
      return this.summaryOf(caller, conversation.id);
    }
    const taken = await this.conversations.update(
      { id: conversation.id, counsellorId: IsNull() },
      { counsellorId: target },
    );
    if (!taken.affected) {
      throw new ConflictException('Another counsellor has already taken over this enquiry.');
    }
    this.events.counsellorChanged({
      conversationId: conversation.id,
      previous: null,
      next: target,
    });
    return this.summaryOf(caller, conversation.id);
  }

  /** Ends the counselling; the retention period counts from here. She can write again to reopen. */
  async close(
    caller: AccountEntity,
    access: Access,
    now = new Date(),
  ): Promise<ConversationSummary> {
    if (!access.conversation.closedAt) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(
          ConversationEntity,
          { id: access.conversation.id },
          { closedAt: now, clientWaitingSince: null },
        );
        await this.messages.addNotice(manager, access.conversation.id, 'closed', now, randomUUID());
      });
    }
    return this.summaryOf(caller, access.conversation.id);
  }

  /** The key re-sealed to her new public key, after her counsellor made sure it is really her. */
  async reshareClientKey(
    access: Access,
    envelope: SealedEnvelopeDto,
    now = new Date(),
  ): Promise<void> {
    if (!clientKeyChanged(access.conversation)) {
      throw new ConflictException("The client's key has not changed.");
    }
    await this.conversations.update(
      { id: access.conversation.id },
      { clientKey: JSON.stringify(envelope), clientKeyAt: now },
    );
  }

  /** When the latest of her counsellings was closed; null if none was. */
  async latestClosing(clientId: string): Promise<Date | null> {
    const row = await this.conversations
      .createQueryBuilder('c')
      .select('MAX(c.closed_at)', 'closed')
      .where('c.client_id = :clientId', { clientId })
      .getRawOne<{ closed: string | number | null }>();
    return row?.closed ? new Date(Number(row.closed)) : null;
  }

  private async summaryOf(caller: AccountEntity, id: string): Promise<ConversationSummary> {
    const row = (await this.conversations.findOneOrFail({
      where: { id },
      relations: { client: true, counsellor: true },
    })) as LoadedConversation;
    const [summary] = await this.summaries(caller, [row]);
    return summary;
  }

  private async summaries(
    caller: AccountEntity,
    rows: LoadedConversation[],
  ): Promise<ConversationSummary[]> {
    const unread = await this.messages.unreadCounts(
      rows.map((row) => row.id),
      caller.id,
    );
    return rows.map((row) => toSummary(row, unread.get(row.id) ?? 0));
  }
}
