import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccountEntity } from '@confidant/api/auth';
import { EntityRows, jsonArrayValues, parameter, RawRow } from '@confidant/api/persistence';
import { Roles } from '@confidant/shared/api-interfaces';
import { DataSource } from 'typeorm';
import { LoadedConversation } from './conversation-view';
import { ConversationEntity } from './conversation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What decides who may see a conversation. */
type Visibility = Pick<ConversationEntity, 'clientId' | 'counsellorId' | 'closedAt'>;

/** What a caller may do with a conversation she can see. */
export interface Access {
  conversation: LoadedConversation;
  isClient: boolean;
  isAssigned: boolean;
  isLead: boolean;
}

/**
 * Who sees which conversation. A conversation someone may not see does not exist for her: 404,
 * never 403, so that ids reveal nothing. Clients see their own; staff with the team key see the
 * queue and what is assigned to them; leads see every conversation, to reassign it.
 */
@Injectable()
export class ConversationAccess {
  private readonly visibility: string;
  private readonly query: {
    sql: string;
    manySql: string;
    conversation: EntityRows<ConversationEntity>;
    client: EntityRows<AccountEntity>;
    counsellor: EntityRows<AccountEntity>;
  };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    // One hand-written query instead of the query builder: every message read and sent asks here.
    const conversation = new EntityRows(dataSource, ConversationEntity, 'c');
    const client = new EntityRows(dataSource, AccountEntity, 'cl');
    const counsellor = new EntityRows(dataSource, AccountEntity, 'co');
    const from =
      `SELECT ${conversation.select}, ${client.select}, ${counsellor.select} ` +
      `FROM ${conversation.table} ` +
      `LEFT JOIN ${client.table} ON "cl"."id" = "c"."client_id" ` +
      `LEFT JOIN ${counsellor.table} ON "co"."id" = "c"."counsellor_id" `;
    this.query = {
      sql: `${from}WHERE "c"."id" = ${parameter(dataSource, 0)}`,
      // The ids as one JSON array, so that the text is the same for any number of them.
      manySql: `${from}WHERE "c"."id" IN (${jsonArrayValues(dataSource, 0)})`,
      conversation,
      client,
      counsellor,
    };
    this.visibility =
      'SELECT client_id, counsellor_id, closed_at FROM conversation ' +
      `WHERE id = ${parameter(dataSource, 0)}`;
  }

  async find(caller: AccountEntity, id: string): Promise<Access> {
    return this.accessOf(caller, UUID.test(id) ? await this.load(id) : null);
  }

  /**
   * The same check as {@link find} for reading messages, where nothing else of the conversation is
   * needed: three columns instead of the conversation with both accounts.
   */
  async assertVisible(caller: AccountEntity, id: string): Promise<void> {
    const [row] = UUID.test(id) ? await this.dataSource.query(this.visibility, [id]) : [];
    const conversation = row && {
      clientId: row.client_id as string,
      counsellorId: row.counsellor_id as string | null,
      closedAt: row.closed_at === null ? null : new Date(Number(row.closed_at)),
    };
    if (!conversation || !this.canSee(caller, conversation)) {
      throw new NotFoundException('There is no such conversation.');
    }
  }

  /** The client or the assigned counsellor: the two who write. */
  async findForWriting(caller: AccountEntity, id: string): Promise<Access> {
    return forWriting(await this.find(caller, id));
  }

  /**
   * {@link findForWriting} in two steps, for the chat's messages of one moment: the conversations
   * are read at once (one query on SQLite), and the function this resolves with decides for each
   * caller, as `findForWriting` would (it throws the same refusals).
   */
  async loadForWriting(ids: string[]): Promise<(caller: AccountEntity, id: string) => Access> {
    const loaded = await this.loadMany([...new Set(ids)].filter((id) => UUID.test(id)));
    return (caller, id) => forWriting(this.accessOf(caller, loaded.get(id)));
  }

  /** The assigned counsellor or a lead: closing and re-sharing keys. */
  async findForManaging(caller: AccountEntity, id: string): Promise<Access> {
    const access = await this.find(caller, id);
    if (!access.isAssigned && !access.isLead) {
      throw new ForbiddenException('Only her counsellor or a lead can do this.');
    }
    return access;
  }

  /** The conversation with its client and counsellor, as `relations: {client, counsellor}` gives. */
  private async load(id: string): Promise<LoadedConversation | null> {
    const [row] = await this.dataSource.query(this.query.sql, [id]);
    return row ? this.read(row) : null;
  }

  /** Several conversations as {@link load} reads them, by id, in one query. */
  private async loadMany(ids: string[]): Promise<Map<string, LoadedConversation>> {
    const loaded = new Map<string, LoadedConversation>();
    if (ids.length <= 1) {
      for (const id of ids) {
        const conversation = await this.load(id);
        if (conversation) {
          loaded.set(id, conversation);
        }
      }
      return loaded;
    }
    const rows: RawRow[] = await this.dataSource.query(this.query.manySql, [JSON.stringify(ids)]);
    for (const row of rows) {
      const conversation = this.read(row);
      if (conversation) {
        loaded.set(conversation.id, conversation);
      }
    }
    return loaded;
  }

  private read(row: RawRow): LoadedConversation | null {
    const conversation = this.query.conversation.read(row);
    if (!conversation) {
      return null;
    }
    return Object.assign(conversation, {
      client: this.query.client.read(row) as AccountEntity,
      counsellor: this.query.counsellor.read(row),
    });
  }

  /** What the caller may do with the conversation; 404 when she may not see it (or it is none). */
  private accessOf(
    caller: AccountEntity,
    conversation: LoadedConversation | null | undefined,
  ): Access {
    if (!conversation || !this.canSee(caller, conversation)) {
      throw new NotFoundException('There is no such conversation.');
    }
    return {
      conversation,
      isClient: conversation.clientId === caller.id,
      isAssigned: conversation.counsellorId === caller.id,
      isLead: caller.role === Roles.lead,
    };
  }

  private canSee(caller: AccountEntity, conversation: Visibility): boolean {
    if (caller.role === Roles.client) {
      return conversation.clientId === caller.id;
    }
    if (!caller.teamKeyGrant) {
      return false;
    }
    return (
      caller.role === Roles.lead ||
      conversation.counsellorId === caller.id ||
      (conversation.counsellorId === null && conversation.closedAt === null)
    );
  }
}

function forWriting(access: Access): Access {
  if (!access.isClient && !access.isAssigned) {
    throw new ForbiddenException('Only the client and her counsellor write in a conversation.');
  }
  return access;
}
