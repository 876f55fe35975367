import {
  BadRequestException,
  ConflictException,
  Injectable,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AccountEntity, AccountService } from '@confidant/api/auth';
import { jsonObjectText, jsonRecords, onPostgres, parameter } from '@confidant/api/persistence';
import { MessageKind, MessageResponse, NoticeCode, Role } from '@confidant/shared/api-interfaces';
import { MAX_MESSAGE_BYTES, NewMessageDto } from '@confidant/shared/api-interfaces/dto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ReplyNoticeService } from '../notices/reply-notice.service';
import { StatisticsService } from '../statistics/statistics.service';
import { Access } from '../conversations/conversation-access';
import { LoadedConversation } from '../conversations/conversation-view';
import { MessageEntity } from './message.entity';
import { ReadMarkerEntity } from './read-marker.entity';

export const DEFAULT_PAGE_SIZE = 50;

/** A client's last activity (the retention clock, in months) is written at most this often. */
const ACTIVITY_INTERVAL_MS = 60_000;

/** The columns a page reads, by the index on (conversation_id, created_at, id). */
const PAGE_COLUMNS = 'id, sender_id, sender_role, kind, envelope, notice, created_at';

/** A message as `page` reads it. */
interface MessageRow {
  id: string;
  sender_id: string | null;
  sender_role: Role | null;
  kind: MessageKind;
  envelope: string | null;
  notice: NoticeCode | null;
  created_at: number | string;
}

/** One message for {@link MessagesService.postMany}: what {@link MessagesService.post} takes. */
export interface NewPost {
  access: Access;
  author: AccountEntity;
  dto: NewMessageDto;
  kind: 'message' | 'chat';
  now: Date;
}

/** A stored message, and whether this call stored it (false: the same id was there already). */
export interface Posted {
  message: MessageResponse;
  created: boolean;
}

/**
 * The statements that store many messages at once. Each takes one parameter, a JSON array with a
 * row per message (or per conversation, per reader), so that the statement text is the same for
 * any number of rows and stays prepared. `WHERE true` keeps `ON CONFLICT` from being read as a join
 * condition.
 */
function batchStatements(dataSource: DataSource) {
  const rows = (fields: Parameters<typeof jsonRecords>[2]) => jsonRecords(dataSource, 0, fields);
  return {
    insertMessages:
      'INSERT INTO message (id, conversation_id, sender_id, sender_role, kind, envelope, notice, ' +
      'created_at) SELECT c0, c1, c2, c3, c4, c5, NULL, c6 FROM ' +
      rows(['text', 'text', 'text', 'text', 'text', 'text', 'bigint']) +
      ' AS b',
    updateConversations:
      'UPDATE conversation SET last_message_at = b.c1, ' +
      'closed_at = CASE WHEN b.c2 = 1 THEN NULL ELSE closed_at END, ' +
      'client_waiting_since = CASE WHEN b.c3 = 1 THEN b.c4 ' +
      'ELSE COALESCE(client_waiting_since, b.c4) END, ' +
      'first_answer_at = COALESCE(first_answer_at, b.c5) ' +
      `FROM ${rows(['text', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint'])} AS b ` +
      'WHERE conversation.id = b.c0',
    markReadMany:
      'INSERT INTO read_marker (conversation_id, account_id, read_up_to) ' +
      `SELECT c0, c1, c2 FROM ${rows(['text', 'text', 'bigint'])} AS b WHERE true ` +
      'ON CONFLICT (conversation_id, account_id) DO UPDATE SET read_up_to = excluded.read_up_to ' +
      'WHERE excluded.read_up_to > read_marker.read_up_to',
    /**
     * A row as the JSON of a {@link MessageResponse}, written by the database with the keys in the
     * same order and the same text as `JSON.stringify` (every value but the envelope is a UUID, a
     * fixed name or null; the envelope is stored JSON).
     */
    messageJson: jsonObjectText(dataSource, [
      { key: 'id', column: 'id', kind: 'string' },
      { key: 'senderId', column: 'sender_id', kind: 'string' },
      { key: 'senderRole', column: 'sender_role', kind: 'string' },
      { key: 'kind', column: 'kind', kind: 'string' },
      { key: 'envelope', column: 'envelope', kind: 'json' },
      { key: 'notice', column: 'notice', kind: 'string' },
      { key: 'createdAt', column: 'created_at', kind: 'isoMillis' },
    ]),
  };
}

/**
 * What a run of new messages does to one conversation, as if they were stored one after the
 * other: the last one's time; a client's message reopens it and makes her wait from her first
 * message after the counsellor's last reply (or keeps her older waiting time); a reply ends the
 * wait, and the first reply of all is the first answer.
 */
interface ConversationChange {
  conversation: LoadedConversation;
  lastAt: number;
  reopened: boolean;
  waitingSince: number | null;
  firstReply: NewPost | null;
  lastReply: NewPost | null;
}

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
  ) {
    this.sql = batchStatements(dataSource);
  }

  private readonly sql: ReturnType<typeof batchStatements>;

  /**
   * A page of up to `limit` messages before the message `before` (or the newest), oldest first.
   * The order is by (created_at, id), so pages stay stable while new messages arrive.
   */
  async page(
    conversationId: string,
    before: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<MessageResponse[]> {
    const { where, parameters } = await this.pageWhere(conversationId, before);
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT ${PAGE_COLUMNS} FROM message WHERE ${where} ` +
        `ORDER BY created_at DESC, id DESC LIMIT ${this.p(parameters.length)}`,
      [...parameters, limit],
    );
    return rows.reverse().map((row) => ({
      id: row.id,
      senderId: row.sender_id,
      senderRole: row.sender_role,
      kind: row.kind,
      envelope: row.envelope === null ? null : JSON.parse(row.envelope),
      notice: row.notice,
      createdAt: new Date(Number(row.created_at)).toISOString(),
    }));
  }

  /**
   * The same page as {@link page} as the JSON text of the response, equal byte for byte to
   * `JSON.stringify(await page(…))`. The database writes each message's JSON: turning 50
   * rows into JavaScript objects and back into JSON cost more than the rest of the request. The
   * stored envelopes go in as they are, without being parsed and serialised again; that is safe
   * because the server wrote each of them with `JSON.stringify` from a validated envelope, so each
   * is one complete JSON object.
   */
  async pageJson(
    conversationId: string,
    before: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<string> {
    const { where, parameters } = await this.pageWhere(conversationId, before);
    const rows: { json: string }[] = await this.dataSource.query(
      `SELECT ${this.sql.messageJson} AS json FROM message WHERE ${where} ` +
        `ORDER BY created_at DESC, id DESC LIMIT ${this.p(parameters.length)}`,
      [...parameters, limit],
    );
    return `[${rows
      .reverse()
      .map((row) => row.json)
      .join(',')}]`;
  }

  /** The conditions of a page: her conversation, and before the cursor message if there is one. */
  private async pageWhere(
    conversationId: string,
    before: string | undefined,
  ): Promise<{ where: string; parameters: unknown[] }> {
    if (!before) {
      return { where: `conversation_id = ${this.p(0)}`, parameters: [conversationId] };
    }
    const cursor = await this.messages.findOneBy({ id: before, conversationId });
    if (!cursor) {
      throw new BadRequestException('before must be the id of a message of this conversation');
    }
    // A row value, so that the index range starts at the cursor instead of at the newest message.
    return {
      where: `conversation_id = ${this.p(0)} AND (created_at, id) < (${this.p(1)}, ${this.p(2)})`,
      parameters: [conversationId, cursor.createdAt.getTime(), cursor.id],
    };
  }

  /** The driver's placeholder for the parameter at `index`. */
  private p(index: number): string {
    return parameter(this.dataSource, index);
  }

  /**
   * Stores a message. The same id again from the same author returns the stored message and adds
   * nothing, so a retry after a lost answer never doubles a message.
   *
   * One transaction of three statements: the message (a duplicate id inserts nothing), the
   * conversation's state, her read marker; her last activity joins them at most once a minute. The
   * answer is built from what was stored, without reading it back. Whether this is the first
   * answer comes from the conversation as the access check loaded it.
   */
  async post(
    access: Access,
    author: AccountEntity,
    dto: NewMessageDto,
    kind: 'message' | 'chat' = 'message',
    now = new Date(),
  ): Promise<Posted> {
    assertSize(dto);
    const conversation = access.conversation;
    const fromClient = access.isClient;
    const envelope = JSON.stringify(dto.envelope);
    const at = now.getTime();
    const p = (index: number) => this.p(index);
    const created = await this.dataSource.transaction(async (manager) => {
      const inserted = await this.run(
        manager,
        'INSERT INTO message (id, conversation_id, sender_id, sender_role, kind, envelope, ' +
          `notice, created_at) VALUES (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ` +
          `NULL, ${p(6)}) ON CONFLICT (id) DO NOTHING`,
        [dto.id, conversation.id, author.id, author.role, kind, envelope, at],
      );
      if (inserted === 0) {
        return false;
      }
      if (fromClient) {
        await this.run(
          manager,
          `UPDATE conversation SET last_message_at = ${p(0)}, closed_at = NULL, ` +
            `client_waiting_since = COALESCE(client_waiting_since, ${p(1)}) WHERE id = ${p(2)}`,
          // Her lines in a live chat are answered there and then: they do not make her wait.
          [at, kind === 'chat' ? null : at, conversation.id],
        );
      } else {
        await this.run(
          manager,
          `UPDATE conversation SET last_message_at = ${p(0)}, client_waiting_since = NULL, ` +
            `first_answer_at = COALESCE(first_answer_at, ${p(1)}) WHERE id = ${p(2)}`,
          [at, at, conversation.id],
        );
      }
      await this.markRead(manager, conversation.id, author.id, now);
      if (fromClient && at - author.lastActivityAt.getTime() >= ACTIVITY_INTERVAL_MS) {
        // Inside the transaction: the statement runs on its connection, in the same commit.
        await this.accounts.recordActivity(author.id, now);
      }
      return true;
    });
    if (!created) {
      const existing = await this.messages.findOneBy({ id: dto.id });
      if (!existing) {
        throw new ConflictException('A different message with this id exists.');
      }
      return {
        message: this.sameOrConflict(existing, conversation.id, author.id),
        created: false,
      };
    }
    if (!fromClient) {
      if (!conversation.firstAnswerAt) {
        await this.statistics.recordFirstAnswer(conversation.statId, conversation.createdAt, now);
      }
      this.notices.notify(conversation, now);
    }
    return { message: storedMessage({ author, dto, kind, now }), created: true };
  }

  /**
   * Stores several messages, each as {@link post} would, with one result per message in the same
   * order. On SQLite, messages with new ids go in together: one statement for the messages, one for
   * their conversations, one for the read markers. When the messages cannot all go in (an id that
   * is taken: a retry among them), none does, and each is stored on its own instead
   * ({@link post}), so that one message's failure is its own.
   *
   * With `manager`, the writes join that transaction (the chat's group commit) without a savepoint
   * of their own: the messages' statement goes first, and anything failing after it fails the
   * whole call, so that the caller's transaction must not commit. Without, they run in one
   * transaction of their own.
   */
  async postMany(
    posts: NewPost[],
    manager?: EntityManager,
  ): Promise<PromiseSettledResult<Posted>[]> {
    const results: PromiseSettledResult<Posted>[] = new Array(posts.length);
    const pending: number[] = [];
    const ids = new Set<string>();
    posts.forEach((post, index) => {
      try {
        assertSize(post.dto);
        pending.push(index);
        ids.add(post.dto.id);
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    });
    const batch = pending.map((index) => posts[index]);
    const together =
      pending.length > 0 && (manager || pending.length > 1) && ids.size === pending.length;
    const stored =
      together &&
      (manager
        ? await this.storeTogether(manager, batch)
        : await this.dataSource
            .transaction((own) => this.storeTogether(own, batch))
            .catch(() => false));
    if (stored) {
      await this.afterStored(batch);
      for (const index of pending) {
        const message = storedMessage(posts[index]);
        results[index] = { status: 'fulfilled', value: { message, created: true } };
      }
      return results;
    }
    for (const index of pending) {
      const { access, author, dto, kind, now } = posts[index];
      try {
        const value = await this.post(access, author, dto, kind, now);
        results[index] = { status: 'fulfilled', value };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
    return results;
  }

  /**
   * The writes of {@link postMany} for messages with distinct ids. False, with nothing written,
   * when the messages cannot all be inserted (a statement fails as a whole); afterwards, a failure
   * is thrown.
   */
  private async storeTogether(manager: EntityManager, posts: NewPost[]): Promise<boolean> {
    const messageRows = posts.map(({ access, author, dto, kind, now }) => [
      dto.id,
      access.conversation.id,
      author.id,
      author.role,
      kind,
      JSON.stringify(dto.envelope),
      now.getTime(),
    ]);
    // A failed statement ends a PostgreSQL transaction, unless it ran after a savepoint that the
    // failure is rolled back to; on SQLite the transaction simply goes on.
    const savepoint = onPostgres(this.dataSource);
    if (savepoint) {
      await this.run(manager, 'SAVEPOINT store_together', []);
    }
    try {
      await this.run(manager, this.sql.insertMessages, [JSON.stringify(messageRows)]);
    } catch {
      if (savepoint) {
        await this.run(manager, 'ROLLBACK TO SAVEPOINT store_together', []);
      }
      return false;
    }
    const changes = conversationChanges(posts);
    const conversationRows = [...changes.values()].map((change) => [
      change.conversation.id,
      change.lastAt,
      change.reopened ? 1 : 0,
      change.firstReply ? 1 : 0,
      change.waitingSince,
      change.firstReply?.now.getTime() ?? null,
    ]);
    await this.run(manager, this.sql.updateConversations, [JSON.stringify(conversationRows)]);
    const markers = new Map<string, [string, string, number]>();
    const activity = new Map<string, Date>();
    for (const { access, author, now } of posts) {
      const key = `${access.conversation.id} ${author.id}`;
      const marker = markers.get(key);
      if (!marker || marker[2] < now.getTime()) {
        markers.set(key, [access.conversation.id, author.id, now.getTime()]);
      }
      if (
        access.isClient &&
        now.getTime() - author.lastActivityAt.getTime() >= ACTIVITY_INTERVAL_MS
      ) {
        activity.set(author.id, now);
      }
    }
    await this.run(manager, this.sql.markReadMany, [JSON.stringify([...markers.values()])]);
    for (const [accountId, now] of activity) {
      // As in post(): the statement runs on the transaction's connection, in the same commit.
      await this.accounts.recordActivity(accountId, now);
    }
    return true;
  }

  /** First answers for the statistics, and the notices, for messages stored together. */
  private async afterStored(posts: NewPost[]): Promise<void> {
    for (const { conversation, firstReply, lastReply } of conversationChanges(posts).values()) {
      if (firstReply && !conversation.firstAnswerAt) {
        await this.statistics.recordFirstAnswer(
          conversation.statId,
          conversation.createdAt,
          firstReply.now,
        );
      }
      if (lastReply) {
        this.notices.notify(conversation, lastReply.now);
      }
    }
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

  /** Moves her read marker forward to `upTo`, never back; one statement. */
  private async markRead(
    manager: EntityManager,
    conversationId: string,
    accountId: string,
    upTo: Date,
  ): Promise<void> {
    const p = (index: number) => this.p(index);
    await this.run(
      manager,
      `INSERT INTO read_marker (conversation_id, account_id, read_up_to) ` +
        `VALUES (${p(0)}, ${p(1)}, ${p(2)}) ON CONFLICT (conversation_id, account_id) ` +
        'DO UPDATE SET read_up_to = excluded.read_up_to ' +
        'WHERE excluded.read_up_to > read_marker.read_up_to',
      [conversationId, accountId, upTo.getTime()],
    );
  }

  /** Runs a write (in the manager's transaction, if any) and returns how many rows it changed. */
  private async run(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
    if (manager.queryRunner) {
      return (await manager.queryRunner.query(sql, parameters, true)).affected ?? 0;
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, parameters, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
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

/** What the messages do to their conversations, by conversation id (see {@link ConversationChange}). */
function conversationChanges(posts: NewPost[]): Map<string, ConversationChange> {
  const changes = new Map<string, ConversationChange>();
  for (const post of posts) {
    const { access, now } = post;
    const at = now.getTime();
    const change: ConversationChange = changes.get(access.conversation.id) ?? {
      conversation: access.conversation,
      lastAt: at,
      reopened: false,
      waitingSince: null,
      firstReply: null,
      lastReply: null,
    };
    change.lastAt = at;
    if (access.isClient) {
      change.reopened = true;
      if (post.kind !== 'chat') {
        // Her lines in a live chat are answered there and then: they do not make her wait.
        change.waitingSince ??= at;
      }
    } else {
      change.waitingSince = null;
      change.firstReply ??= post;
      change.lastReply = post;
    }
    changes.set(access.conversation.id, change);
  }
  return changes;
}

/** The answer for a message just stored, built from what went in, without reading it back. */
function storedMessage({
  author,
  dto,
  kind,
  now,
}: Pick<NewPost, 'author' | 'dto' | 'kind' | 'now'>): MessageResponse {
  return {
    id: dto.id,
    senderId: author.id,
    senderRole: author.role,
    kind,
    envelope: dto.envelope,
    notice: null,
    createdAt: now.toISOString(),
  };
}

/** Envelopes over 64 KB are refused with 413 before anything is stored. */
export function assertSize(dto: NewMessageDto): void {
  const ctBytes = Math.floor((dto.envelope.ct.length * 3) / 4);
  if (ctBytes > MAX_MESSAGE_BYTES + 16) {
    throw new PayloadTooLargeException('A message may be at most 64 KB.');
  }
}
