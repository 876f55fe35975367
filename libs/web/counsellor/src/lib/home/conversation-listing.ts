import { ConversationState, ConversationSummary } from '@confidant/shared/api-interfaces';

/**
 * What "My conversations" shows: the open ones, one state, or (for a lead) every conversation of
 * the centre, to reassign it.
 */
export type MineFilter = 'open' | ConversationState | 'all';

export const MINE_FILTERS: readonly MineFilter[] = [
  'open',
  'waiting-for-counsellor',
  'waiting-for-client',
  'closed',
];

export function matchesFilter(conversation: ConversationSummary, filter: MineFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'open':
      return conversation.state !== 'closed';
    default:
      return conversation.state === filter;
  }
}

/**
 * Whoever has been waiting longest for an answer first; then the others, latest message first.
 * The server sorts the same way; sorting again keeps the order right after local changes.
 */
export function byWaiting(a: ConversationSummary, b: ConversationSummary): number {
  const waitingA = a.clientWaitingSince ? Date.parse(a.clientWaitingSince) : Infinity;
  const waitingB = b.clientWaitingSince ? Date.parse(b.clientWaitingSince) : Infinity;
  if (waitingA !== waitingB) {
    return waitingA < waitingB ? -1 : 1;
  }
  return Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
}

/** The queue: the oldest enquiry first. */
export function byAge(a: ConversationSummary, b: ConversationSummary): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}
