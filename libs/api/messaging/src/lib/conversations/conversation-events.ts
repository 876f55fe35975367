import { Injectable, Logger } from '@nestjs/common';

/** A conversation got another counsellor: `previous` (null when it came from the queue) → `next`. */
export interface CounsellorChanged {
  conversationId: string;
  previous: string | null;
  next: string;
}

export type CounsellorChangedListener = (change: CounsellorChanged) => void;

/**
 * Changes of conversations that those who hold them open outside of HTTP requests must act on at
 * once: the chat gateway takes a counsellor whom a lead replaced out of the conversation's rooms.
 * In-process; told after the change is committed; a failing listener cannot stop the others.
 */
@Injectable()
export class ConversationEvents {
  private readonly logger = new Logger(ConversationEvents.name);
  private readonly listeners = new Set<CounsellorChangedListener>();

  /** Subscribes; call the returned function to unsubscribe. */
  onCounsellorChanged(listener: CounsellorChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  counsellorChanged(change: CounsellorChanged): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.warn(`A conversation listener failed: ${(error as Error).name}`);
      }
    }
  }
}
