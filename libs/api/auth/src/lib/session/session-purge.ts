import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SessionService } from './session.service';

/**
 * Removes expired sessions every ten minutes. A session nobody uses again would otherwise stay
 * in the database (with when it was last used) until her account goes; `resolve` only removes the
 * ones that come back. Idempotent, so several instances may run it at the same time.
 */
@Injectable()
export class SessionPurge {
  private readonly logger = new Logger(SessionPurge.name);

  constructor(private readonly sessions: SessionService) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'session-purge' })
  async run(now = new Date()): Promise<number> {
    try {
      return await this.sessions.purgeExpired(now);
    } catch (error) {
      this.logger.error(`Purging expired sessions failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
