import { StaffRoutes } from '@confidant/web/core';

/**
 * The router commands for a conversation's staff page, `/beratung/gespraech/:id`. The path's
 * segments go in one by one: a command with a slash in it would be encoded as `%2F`.
 */
export function conversationLink(id: string): string[] {
  return ['/', ...StaffRoutes.conversation.split('/'), id];
}
