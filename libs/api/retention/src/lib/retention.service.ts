import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CentreService } from '@confidant/api/accounts';
import {
  AccountEntity,
  AccountErasure,
  AccountService,
  AUTH_SETTINGS,
  AuthSettings,
  DeletionDates,
  EmailCipher,
} from '@confidant/api/auth';
import { mailFailureOf, MailService } from '@confidant/api/mail';
import { ConversationEntity, ConversationsService } from '@confidant/api/messaging';
import { Roles } from '@confidant/shared/api-interfaces';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { JobLease } from './job-lease';
import { addMonths, retentionBasis, WARNING_BEFORE_MS } from './retention-dates';

export const SWEEP_LEASE = 'retention-sweep';
/** Longer than any sweep takes; a crashed instance's lease runs out after it. */
export const SWEEP_LEASE_MS = 30 * 60_000;
/**
 * Accounts per erasure transaction. Each account is some 30 pages of the database file to change,
 * and every request waits while a transaction holds the one connection: ten keep a transaction
 * to a few milliseconds, so the portal keeps answering during a sweep.
 */
export const SWEEP_BATCH = 10;
/**
 * The pause after each batch, in which the requests that waited for the connection run: long enough
 * for one with a few statements in a row (session, then its queries) to finish, not just one step.
 */
export const SWEEP_PAUSE_MS = 2;
/** Accounts looked at per candidate query: each query reads a bounded part of the table. */
export const CANDIDATE_WINDOW = 1000;

export interface SweepResult {
  /** False when another instance held the lease and this one did nothing. */
  ran: boolean;
  erased: number;
  batches: number;
}

interface Candidate {
  id: string;
  basis: Date;
}

/**
 * Retention (DESIGN.md section 6): a client account is erased on its own once the retention
 * period has passed since the later of her last activity and the latest end of her counselling.
 * Staff accounts are never swept.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centre: CentreService,
    private readonly conversations: ConversationsService,
    private readonly accounts: AccountService,
    private readonly erasure: AccountErasure,
    private readonly deletionDates: DeletionDates,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
    private readonly lease: JobLease,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  onModuleInit(): void {
    this.deletionDates.use((account) => this.deletionDate(account));
  }

  /** The day her account goes unless she is active before; null for staff. */
  async deletionDate(account: AccountEntity): Promise<Date | null> {
    if (account.role !== Roles.client) {
      return null;
    }
    const { retentionMonths } = await this.centre.getCentre();
    const basis = retentionBasis(
      account.lastActivityAt,
      await this.conversations.latestClosing(account.id),
    );
    return addMonths(basis, retentionMonths);
  }

  /**
   * Erases every due account, in batches that are each one transaction, so that an interrupted
   * sweep leaves whole accounts or none. Runs only while this instance holds the lease, so two
   * instances never erase at once; running it again changes nothing more (idempotent). Between
   * batches it pauses briefly, so that the requests waiting for the connection get it; the erased
   * data is made unrecoverable once, after the last batch (AccountErasure.compact).
   */
  async sweep(now: Date, batchSize = SWEEP_BATCH): Promise<SweepResult> {
    if (!(await this.lease.acquire(SWEEP_LEASE, SWEEP_LEASE_MS, now))) {
      this.logger.log('Retention sweep skipped: another instance holds the lease');
      return { ran: false, erased: 0, batches: 0 };
    }
    let erased = 0;
    let batches = 0;
    try {
      const { retentionMonths } = await this.centre.getCentre();
      // The due list is found once: accounts that fall due during the sweep go in the next one.
      const due = await this.dueAccounts(now, retentionMonths);
      try {
        for (let start = 0; start < due.length; start += batchSize) {
          const batch = due.slice(start, start + batchSize);
          erased += await this.erasure.erase(batch, { compact: false });
          batches++;
          await sleep(SWEEP_PAUSE_MS);
        }
      } finally {
        if (due.length > 0) {
          // Also after a failed batch: the batches before it are erased and must not be readable.
          await this.erasure.compact();
        }
      }
    } finally {
      await this.lease.release(SWEEP_LEASE);
    }
    this.logger.log(`Retention sweep erased ${erased} account(s) in ${batches} batch(es)`);
    return { ran: true, erased, batches };
  }

  /**
   * Sends the neutral warning 14 days before the date, once per date, to clients with an e-mail.
   * If activity moves the date, a later warning is due again. The date is claimed on the account
   * while the mail is sent and given back if it could not be: then the lead sees why in her
   * settings, the other warnings still go out, and the next hourly run tries it again.
   */
  async sendWarnings(now: Date): Promise<number> {
    const { retentionMonths } = await this.centre.getCentre();
    const candidates = await this.candidates(
      new Date(now.getTime() + WARNING_BEFORE_MS),
      retentionMonths,
      true,
    );
    let sent = 0;
    let failed = 0;
    for (const candidate of candidates) {
      const date = addMonths(candidate.basis, retentionMonths);
      if (date.getTime() <= now.getTime() || date.getTime() - WARNING_BEFORE_MS > now.getTime()) {
        continue;
      }
      const account = await this.accounts.findById(candidate.id);
      if (!account?.emailCiphertext || account.retentionWarnedFor?.getTime() === date.getTime()) {
        continue;
      }
      await this.accounts.update(account.id, { retentionWarnedFor: date });
      try {
        const identity = await this.centre.mailIdentity();
        await this.mail.send({
          to: this.emails.decrypt(account.id, account.emailCiphertext),
          from: identity.from,
          subject: identity.subject,
          text: warningText(this.settings.publicUrl),
        });
      } catch (error) {
        await this.accounts.update(account.id, { retentionWarnedFor: account.retentionWarnedFor });
        await this.centre.recordNoticeFailure(mailFailureOf(error), now);
        failed++;
        continue;
      }
      sent++;
    }
    if (sent > 0) {
      await this.centre.recordNoticeSent();
      this.logger.log(`Sent ${sent} retention warning(s)`);
    }
    if (failed > 0) {
      this.logger.warn(
        `${failed} retention warning(s) could not be sent; the next run tries again`,
      );
    }
    return sent;
  }

  /** Ids of client accounts whose deletion date has come, oldest first. */
  async dueAccounts(
    now: Date,
    retentionMonths: number,
    window = CANDIDATE_WINDOW,
  ): Promise<string[]> {
    const candidates = await this.candidates(now, retentionMonths, false, window);
    return candidates
      .filter((candidate) => addMonths(candidate.basis, retentionMonths).getTime() <= now.getTime())
      .map((candidate) => candidate.id);
  }

  /**
   * Client accounts whose basis lies before `until` minus the retention period (plus a few days,
   * since calendar months differ in length; callers check the exact date), oldest basis first.
   * The basis is at most the cutoff exactly when her last activity is and none of her conversations
   * closed after it. The accounts are read in windows of `window` by id: each window is one query
   * over a bounded part of the account table that looks at conversations only through their client
   * index, and the event loop gets a turn between windows. A single query over every account and
   * conversation held the one connection for as long as it took, which grew with the portal.
   */
  private async candidates(
    until: Date,
    retentionMonths: number,
    withEmailOnly: boolean,
    window = CANDIDATE_WINDOW,
  ): Promise<Candidate[]> {
    const cutoff = addMonths(until, -retentionMonths).getTime() + 4 * 86_400_000;
    const found: Candidate[] = [];
    let after = '';
    for (;;) {
      // The last id of this window, read from the primary key index alone; none: the last window.
      const last = await this.dataSource
        .createQueryBuilder()
        .select('a.id', 'id')
        .from(AccountEntity, 'a')
        .where('a.id > :after', { after })
        .orderBy('a.id', 'ASC')
        .limit(1)
        .offset(window - 1)
        .getRawOne<{ id: string }>();
      const query = this.dataSource
        .createQueryBuilder()
        .select('a.id', 'id')
        .addSelect('a.last_activity_at', 'lastActivity')
        .addSelect(
          (closing) =>
            closing
              .select('MAX(c.closed_at)')
              .from(ConversationEntity, 'c')
              .where('c.client_id = a.id'),
          'closed',
        )
        .from(AccountEntity, 'a')
        .where('a.id > :after', { after })
        .andWhere('a.role = :role', { role: Roles.client })
        .andWhere('a.last_activity_at <= :cutoff', { cutoff })
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM conversation l WHERE l.client_id = a.id AND l.closed_at > :cutoff)',
        );
      if (last) {
        query.andWhere('a.id <= :last', { last: last.id });
      }
      if (withEmailOnly) {
        query.andWhere('a.email_ciphertext IS NOT NULL');
      }
      const rows = await query.getRawMany<{
        id: string;
        lastActivity: string | number;
        closed: string | number | null;
      }>();
      for (const row of rows) {
        const closed = row.closed === null ? null : new Date(Number(row.closed));
        found.push({
          id: row.id,
          basis: retentionBasis(new Date(Number(row.lastActivity)), closed),
        });
      }
      if (!last) {
        break;
      }
      after = last.id;
      await nextTurn();
    }
    return found.sort((a, b) => a.basis.getTime() - b.basis.getTime());
  }
}

/** The whole warning: no name, no content, only the link. */
export function warningText(portalUrl: string): string {
  return [
    'Guten Tag,',
    '',
    'Ihr Konto im Beratungsportal wird in 14 Tagen mit allen Nachrichten gelöscht. Wenn Sie es',
    'behalten möchten, melden Sie sich bis dahin einmal an:',
    '',
    `${portalUrl}/`,
    '',
    '---',
    '',
    'Your account will be deleted with all messages in 14 days. To keep it, log in once before then.',
  ].join('\n');
}
