import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityRows, earlierThan, parameter } from '@confidant/api/persistence';
import { SessionTimes } from '@confidant/shared/api-interfaces';
import { Not, Repository } from 'typeorm';
import { AccountEntity } from '../account/account.entity';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { newToken, tokenHash } from '../credentials/tokens';
import { SessionEntity } from './session.entity';
import { SessionEvents } from './session-events';

/** The logged-in account behind a request. */
export interface AuthContext {
  account: AccountEntity;
  session: SessionEntity;
}

/** The query behind {@link SessionService.resolve}: session and account in one row. */
interface ResolveQuery {
  sql: string;
  session: EntityRows<SessionEntity>;
  account: EntityRows<AccountEntity>;
}

/** Last-seen is written at most this often, so that reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Sessions (DESIGN.md section 5): an opaque 256-bit token in the cookie, its hash in the database,
 * an idle timeout and an absolute lifetime, destroyed at logout.
 */
@Injectable()
export class SessionService {
  private resolving?: ResolveQuery;

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly events: SessionEvents,
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

  /**
   * The live session and active account for a cookie token, or null; expired ones are removed.
   * Every request of a logged-in user comes here, so it is one hand-written query (see
   * {@link EntityRows}) and no cache: a session deleted anywhere ends with the next request.
   */
  async resolve(token: string, now = new Date()): Promise<AuthContext | null> {
    const query = this.resolveQuery();
    const [row] = await this.sessions.query(query.sql, [tokenHash(token)]);
    const session = row ? query.session.read(row) : null;
    const account = row ? query.account.read(row) : null;
    if (!session || !account) {
      return null;
    }
    session.account = account;
    if (!account.active || this.isExpired(session, now)) {
      await this.sessions.delete({ tokenHash: session.tokenHash });
      this.events.ended({ tokenHashes: [session.tokenHash] });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      session.lastSeenAt = now;
      await this.sessions.update({ tokenHash: session.tokenHash }, { lastSeenAt: now });
    }
    return { account, session };
  }

  times(session: SessionEntity): SessionTimes {
    return {
      idleExpiresAt: new Date(session.lastSeenAt.getTime() + this.idleMs).toISOString(),
      absoluteExpiresAt: new Date(session.createdAt.getTime() + this.absoluteMs).toISOString(),
    };
  }

  async destroy(session: SessionEntity): Promise<void> {
    await this.sessions.delete({ tokenHash: session.tokenHash });
    this.events.ended({ tokenHashes: [session.tokenHash] });
  }

  /** Ends every session of the account, or every other one when `keep` is given. */
  async destroyAll(accountId: string, keep?: SessionEntity): Promise<void> {
    await this.sessions.delete(
      keep ? { accountId, tokenHash: Not(keep.tokenHash) } : { accountId },
    );
    this.events.ended({ accountIds: [accountId], keep: keep?.tokenHash });
  }

  /** Removes sessions that can no longer be used (idle or past their lifetime). */
  async purgeExpired(now = new Date()): Promise<number> {
    const idle = await this.sessions.delete({
      lastSeenAt: earlierThan(new Date(now.getTime() - this.idleMs)),
    });
    const old = await this.sessions.delete({
      createdAt: earlierThan(new Date(now.getTime() - this.absoluteMs)),
    });
    const purged = (idle.affected ?? 0) + (old.affected ?? 0);
    if (purged > 0) {
      this.events.ended({ expired: true });
    }
    return purged;
  }

  private resolveQuery(): ResolveQuery {
    if (!this.resolving) {
      const dataSource = this.sessions.manager.connection;
      const session = new EntityRows(dataSource, SessionEntity, 's');
      const account = new EntityRows(dataSource, AccountEntity, 'a');
      const sql =
        `SELECT ${session.select}, ${account.select} FROM ${session.table} ` +
        `INNER JOIN ${account.table} ON "a"."id" = "s"."account_id" ` +
        `WHERE "s"."token_hash" = ${parameter(dataSource, 0)}`;
      this.resolving = { sql, session, account };
    }
    return this.resolving;
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
