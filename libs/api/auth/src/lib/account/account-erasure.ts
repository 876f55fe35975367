import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { MailService } from '@confidant/api/mail';
import { checkpointPassive, checkpointWal, onPostgres } from '@confidant/api/persistence';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource, In, Repository } from 'typeorm';
import { EmailCipher } from '../credentials/email-cipher';
import { SessionEvents } from '../session/session-events';
import { AccountEntity } from './account.entity';

/** Tables whose indexes hold identifiers of an account (the username, token hashes). */
const ERASED_INDEX_TABLES = ['account', 'session', 'auth_token'];

/**
 * The one way accounts are erased, by their owner or by the retention sweep (DESIGN.md section 6).
 * Deleting the account rows removes, through the foreign keys, everything that hangs on them:
 * sessions, tokens, her conversations with their keys, messages, read markers and appointments.
 * Every foreign key column has an index, so each cascade is an index lookup, not a table scan.
 * Her mails still in the outbox are overwritten and deleted first. Afterwards the indexes that
 * held her identifiers are rebuilt and the write-ahead log is checkpointed and truncated, so that
 * with `secure_delete` nothing can be read back from disk.
 */
@Injectable()
export class AccountErasure {
  private readonly logger = new Logger(AccountErasure.name);

  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
    private readonly sessionEvents: SessionEvents,
  ) {}

  /**
   * Erases the given accounts in one transaction, so that none is left half erased; returns how
   * many existed. Then compacts (see {@link compact}) before it returns, unless `compact` is false:
   * the retention sweep erases in many small batches and compacts once after the last one, which
   * is when its guarantee holds. A caller that passes false must call {@link compact} itself.
   *
   * Without compaction, a PASSIVE checkpoint follows in a statement of its own: it copies the
   * batch's pages (some 30 an account) into the database file while no transaction holds the
   * connection, and leaves the log to be reused from its start. Left to SQLite's automatic
   * checkpoint, every third batch's COMMIT copied a thousand pages while its transaction held the
   * connection: the longest that requests waited during a sweep.
   */
  async erase(ids: string[], options: { compact?: boolean } = {}): Promise<number> {
    const compact = options.compact ?? true;
    if (ids.length === 0) {
      return 0;
    }
    // Only what the outbox needs: the rows themselves go with the DELETE.
    const rows = await this.accounts.find({
      select: { id: true, emailCiphertext: true },
      where: { id: In(ids) },
    });
    for (const row of rows) {
      if (row.emailCiphertext) {
        await this.mail.forgetRecipient(this.emails.decrypt(row.id, row.emailCiphertext));
      }
    }
    const found = rows.map((row) => row.id);
    const deleted =
      found.length === 0
        ? 0
        : ((
            await this.dataSource.transaction((manager) =>
              manager.delete(AccountEntity, { id: In(found) }),
            )
          ).affected ?? 0);
    // Their sessions went with the rows (foreign keys); open sockets must close as well.
    if (found.length > 0) {
      this.sessionEvents.ended({ accountIds: found });
    }
    if (compact) {
      await this.compact();
      this.logger.log(`Erased ${deleted} account(s)`);
    } else {
      await checkpointPassive(this.dataSource);
    }
    return deleted;
  }

  /**
   * Makes what was erased unrecoverable: rebuilds the indexes of the tables keyed by personal
   * identifiers (username, session and token hashes), because `secure_delete` zeroes deleted
   * rows but interior index pages can keep copies of old keys, such as her username, as dividers;
   * then moves the write-ahead log into the database and truncates it. Each table is rebuilt in
   * a statement of its own, with a turn of the event loop in between, so that requests waiting for
   * the connection get it between them; REINDEX changes no data, so nothing needs them together.
   * On PostgreSQL the cascade's tables (every table of an entity) are VACUUMed instead, which
   * removes the dead row versions and their index entries.
   */
  async compact(): Promise<void> {
    if (onPostgres(this.dataSource)) {
      const tables = new Set(this.dataSource.entityMetadatas.map((entity) => entity.tableName));
      await checkpointWal(this.dataSource, [...tables]);
      return;
    }
    for (const table of ERASED_INDEX_TABLES) {
      await this.dataSource.query(`REINDEX "${table}"`);
      await nextTurn();
    }
    await checkpointWal(this.dataSource);
  }
}
