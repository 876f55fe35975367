import { Injectable, Logger } from '@nestjs/common';

/**
 * Which sessions ended: by the hash of their token, or every session of some accounts (except
 * `keep`, a token hash that lives on). `expired` says that expired sessions were purged, without
 * naming them: listeners check theirs again.
 */
export interface SessionsEnded {
  tokenHashes?: string[];
  accountIds?: string[];
  keep?: string;
  expired?: boolean;
}

export type SessionsEndedListener = (ended: SessionsEnded) => void;

/**
 * Tells whoever holds a session open outside of HTTP requests (the chat sockets) that sessions
 * ended: at logout, password change, resets, deactivation, expiry and erasure. In-process only;
 * a listener must not throw, and one that does cannot stop the others.
 */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger(SessionEvents.name);
  private readonly listeners = new Set<SessionsEndedListener>();

  /** Subscribes; call the returned function to unsubscribe. */
  onEnded(listener: SessionsEndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(ended: SessionsEnded): void {
    for (const listener of this.listeners) {
      try {
        listener(ended);
      } catch (error) {
        this.logger.warn(`A session listener failed: ${(error as Error).name}`);
      }
    }
  }
}
