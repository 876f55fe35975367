import { AccountEntity } from '@confidant/api/auth';
import { ConversationState, ConversationSummary } from '@confidant/shared/api-interfaces';
import { ConversationEntity } from './conversation.entity';

/** A conversation loaded with its client and counsellor accounts. */
export type LoadedConversation = ConversationEntity & {
  client: AccountEntity;
  counsellor: AccountEntity | null;
};

export function stateOf(conversation: ConversationEntity): ConversationState {
  if (conversation.closedAt) {
    return 'closed';
  }
  return conversation.clientWaitingSince ? 'waiting-for-counsellor' : 'waiting-for-client';
}

/** True when the client's identity key changed after the conversation key was sealed to her. */
export function clientKeyChanged(conversation: LoadedConversation): boolean {
  const changedAt = conversation.client.keyChangedAt;
  return changedAt !== null && changedAt.getTime() > conversation.clientKeyAt.getTime();
}

export function toSummary(conversation: LoadedConversation, unread: number): ConversationSummary {
  return {
    id: conversation.id,
    topic: conversation.topic,
    state: stateOf(conversation),
    counsellorName: conversation.counsellor?.displayName ?? null,
    counsellorId: conversation.counsellorId,
    createdAt: conversation.createdAt.toISOString(),
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    clientWaitingSince: conversation.clientWaitingSince?.toISOString() ?? null,
    unread,
    clientKeyChanged: clientKeyChanged(conversation),
  };
}
