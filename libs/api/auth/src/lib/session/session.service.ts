import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SessionTimes } from '@confidant/shared/api-interfaces';
import { In, LessThan, Not, Repository } from 'typeorm';
import { AccountEntity } from '../account/account.entity';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { newToken, tokenHash } from '../credentials/tokens';
import { SessionEntity } from './session.entity';

/** The logged-in account behind a request. */
export interface AuthContext {
  account: AccountEntity;
  session: SessionEntity;
}

/** Last-seen is written at most this often, so that reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Sessions (DESIGN.md section 5): an opaque 256-bit token in the cookie, its hash in the database,
 * an idle timeout and an absolute lifetime, destroyed at logout.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** Starts a session and returns the token for the cookie (never stored). */
  async create(
    accountId: string,
    now = new Date(),
  ): Promise<{ token: string; session: SessionEntity }> {
    const token = newToken();
    const session = this.sessions.create({
      tokenHash: tokenHash(token),
      accountId,
      createdAt: now,
      lastSeenAt: now,
    });
    await this.sessions.insert(session);
    return { token, session };
  }

  /** The live session and active account for a cookie token, or null; expired ones are removed. */
  async resolve(token: string, now = new Date()): Promise<AuthContext | null> {
    const session = await this.sessions.findOne({
      where: { tokenHash: tokenHash(token) },
      relations: { account: true },
    });
    if (!session?.account) {
      return null;
    }
    if (!session.account.active || this.isExpired(session, now)) {
      await this.sessions.delete({ tokenHash: session.tokenHash });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      session.lastSeenAt = now;
      await this.sessions.update({ tokenHash: session.tokenHash }, { lastSeenAt: now });
    }
    return { account: session.account, session };
  }

  times(session: SessionEntity): SessionTimes {
    return {
      idleExpiresAt: new Date(session.lastSeenAt.getTime() + this.idleMs).toISOString(),
      absoluteExpiresAt: new Date(session.createdAt.getTime() + this.absoluteMs).toISOString(),
    };
  }

  async destroy(session: SessionEntity): Promise<void> {
    await this.sessions.delete({ tokenHash: session.tokenHash });
  }

  /** Ends every session of the account, or every other one when `keep` is given. */
  async destroyAll(accountId: string, keep?: SessionEntity): Promise<void> {
    await this.sessions.delete(
      keep ? { accountId, tokenHash: Not(keep.tokenHash) } : { accountId },
    );
  }

  async destroyAllOf(accountIds: string[]): Promise<void> {
    if (accountIds.length > 0) {
      await this.sessions.delete({ accountId: In(accountIds) });
    }
  }

  /** Removes sessions that can no longer be used (idle or past their lifetime). */
  async purgeExpired(now = new Date()): Promise<number> {
    const idle = await this.sessions.delete({
      lastSeenAt: LessThan(new Date(now.getTime() - this.idleMs)),
    });
    const old = await this.sessions.delete({
      createdAt: LessThan(new Date(now.getTime() - this.absoluteMs)),
    });
    return (idle.affected ?? 0) + (old.affected ?? 0);
  }

  private isExpired(session: SessionEntity, now: Date): boolean {
    return (
      now.getTime() - session.lastSeenAt.getTime() > this.idleMs ||
      now.getTime() - session.createdAt.getTime() > this.absoluteMs
    );
  }

  private get idleMs(): number {
    return this.settings.sessionIdleMinutes * 60_000;
  }

  private get absoluteMs(): number {
    return this.settings.sessionAbsoluteHours * 3_600_000;
  }
}
