import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { MailService } from '@confidant/api/mail';
import { checkpointWal } from '@confidant/api/persistence';
import { DataSource, In, Repository } from 'typeorm';
import { EmailCipher } from '../credentials/email-cipher';
import { SessionEvents } from '../session/session-events';
import { AccountEntity } from './account.entity';

/**
 * The one way accounts are erased, by their owner or by the retention sweep (DESIGN.md section 6).
 * Deleting the account rows removes, through the foreign keys, everything that hangs on them:
 * sessions, tokens, her conversations with their keys, messages, read markers and appointments.
 * Her mails still in the outbox are overwritten and deleted first. Afterwards the write-ahead log
 * is checkpointed and truncated, so that with `secure_delete` nothing can be read back from disk.
 */
/** Tables whose indexes hold identifiers of an account (the username, token hashes). */
const ERASED_INDEX_TABLES = ['account', 'session', 'auth_token'];

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
   * Erases the given accounts in one transaction; returns how many existed. Unless `compact` is
   * false (a sweep compacts once after its last batch), the indexes that held her identifiers are
   * rebuilt afterwards: `secure_delete` zeroes deleted rows, but index pages can keep copies of
   * old keys, such as her username, after rebalancing.
   */
  async erase(ids: string[], options: { compact?: boolean } = {}): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const rows = await this.accounts.findBy({ id: In(ids) });
    for (const row of rows) {
      if (row.emailCiphertext) {
        await this.mail.forgetRecipient(this.emails.decrypt(row.id, row.emailCiphertext));
      }
    }
    const deleted = await this.dataSource.transaction((manager) =>
      manager.delete(AccountEntity, { id: In(rows.map((row) => row.id)) }),
    );
    // Their sessions went with the rows (foreign keys); open sockets must close as well.
    this.sessionEvents.ended({ accountIds: rows.map((row) => row.id) });
    if (options.compact ?? true) {
      await this.compact();
    } else {
      await checkpointWal(this.dataSource);
    }
    const count = deleted.affected ?? 0;
    this.logger.log(`Erased ${count} account(s)`);
    return count;
  }

  /**
   * Rebuilds the indexes of the tables keyed by personal identifiers (username, session and token
   * hashes), so that no stale index page keeps them, then empties the write-ahead log.
   */
  async compact(): Promise<void> {
    if (this.dataSource.options.type === 'sqlite') {
      await this.dataSource.transaction(async (manager) => {
        for (const table of ERASED_INDEX_TABLES) {
          await manager.query(`REINDEX "${table}"`);
        }
      });
    }
    await checkpointWal(this.dataSource);
  }
}
