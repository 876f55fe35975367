import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccountEntity } from '@confidant/api/auth';
import { Roles } from '@confidant/shared/api-interfaces';
import { Repository } from 'typeorm';
import { LoadedConversation } from './conversation-view';
import { ConversationEntity } from './conversation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  constructor(
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
  ) {}

  async find(caller: AccountEntity, id: string): Promise<Access> {
    const conversation = UUID.test(id)
      ? ((await this.conversations.findOne({
          where: { id },
          relations: { client: true, counsellor: true },
        })) as LoadedConversation | null)
      : null;
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

  /** The client or the assigned counsellor: the two who write. */
  async findForWriting(caller: AccountEntity, id: string): Promise<Access> {
    const access = await this.find(caller, id);
    if (!access.isClient && !access.isAssigned) {
      throw new ForbiddenException('Only the client and her counsellor write in a conversation.');
    }
    return access;
  }

  /** The assigned counsellor or a lead: closing and re-sharing keys. */
  async findForManaging(caller: AccountEntity, id: string): Promise<Access> {
    const access = await this.find(caller, id);
    if (!access.isAssigned && !access.isLead) {
      throw new ForbiddenException('Only her counsellor or a lead can do this.');
    }
    return access;
  }

  private canSee(caller: AccountEntity, conversation: ConversationEntity): boolean {
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
