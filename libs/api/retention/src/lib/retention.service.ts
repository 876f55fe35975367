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
import { MailService } from '@confidant/api/mail';
import { ConversationEntity, ConversationsService } from '@confidant/api/messaging';
import { Roles } from '@confidant/shared/api-interfaces';
import { DataSource } from 'typeorm';
import { JobLease } from './job-lease';
import { addMonths, retentionBasis, WARNING_BEFORE_MS } from './retention-dates';

export const SWEEP_LEASE = 'retention-sweep';
/** Longer than any sweep takes; a crashed instance's lease runs out after it. */
export const SWEEP_LEASE_MS = 30 * 60_000;
/** Small batches keep each transaction short, so the portal keeps answering during a sweep. */
export const SWEEP_BATCH = 50;
export const SWEEP_PAUSE_MS = 10;

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
   * instances never erase at once; running it again changes nothing more (idempotent).
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
      for (let start = 0; start < due.length; start += batchSize) {
        erased += await this.erasure.erase(due.slice(start, start + batchSize), { compact: false });
        batches++;
        // Let the requests that waited for the connection through before the next batch.
        await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
      }
      if (batches > 0) {
        await this.erasure.compact();
      }
    } finally {
      await this.lease.release(SWEEP_LEASE);
    }
    this.logger.log(`Retention sweep erased ${erased} account(s) in ${batches} batch(es)`);
    return { ran: true, erased, batches };
  }

  /**
   * Sends the neutral warning 14 days before the date, once per date, to clients with an e-mail.
   * If activity moves the date, a later warning is due again.
   */
  async sendWarnings(now: Date): Promise<number> {
    const { retentionMonths } = await this.centre.getCentre();
    const candidates = await this.candidates(
      new Date(now.getTime() + WARNING_BEFORE_MS),
      retentionMonths,
      true,
    );
    let sent = 0;
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
      const identity = await this.settings.mailIdentity();
      await this.mail.send({
        to: this.emails.decrypt(account.id, account.emailCiphertext),
        from: identity.from,
        subject: identity.subject,
        text: warningText(this.settings.publicUrl),
      });
      sent++;
    }
    if (sent > 0) {
      this.logger.log(`Sent ${sent} retention warning(s)`);
    }
    return sent;
  }

  /** Ids of client accounts whose deletion date has come. */
  async dueAccounts(now: Date, retentionMonths: number): Promise<string[]> {
    const candidates = await this.candidates(now, retentionMonths, false);
    return candidates
      .filter((candidate) => addMonths(candidate.basis, retentionMonths).getTime() <= now.getTime())
      .map((candidate) => candidate.id);
  }

  /**
   * Client accounts whose basis lies before `until` minus the retention period (plus a few days,
   * since calendar months differ in length; callers check the exact date). One set-based query
   * over accounts and conversations, because checking 20 000 accounts one by one would not do.
   */
  private async candidates(
    until: Date,
    retentionMonths: number,
    withEmailOnly: boolean,
  ): Promise<Candidate[]> {
    const cutoff = addMonths(until, -retentionMonths).getTime() + 4 * 86_400_000;
    const closings = this.dataSource
      .createQueryBuilder()
      .select('c.client_id', 'client_id')
      .addSelect('MAX(c.closed_at)', 'closed')
      .from(ConversationEntity, 'c')
      .groupBy('c.client_id');
    const basis =
      'CASE WHEN cl.closed IS NOT NULL AND cl.closed > a.last_activity_at THEN cl.closed ELSE a.last_activity_at END';
    const query = this.dataSource
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect(basis, 'basis')
      .from(AccountEntity, 'a')
      .leftJoin(`(${closings.getQuery()})`, 'cl', 'cl.client_id = a.id')
      .where('a.role = :role', { role: Roles.client })
      .andWhere(`${basis} <= :cutoff`, { cutoff })
      .orderBy('basis', 'ASC');
    if (withEmailOnly) {
      query.andWhere('a.email_ciphertext IS NOT NULL');
    }
    const rows = await query.getRawMany<{ id: string; basis: string | number }>();
    return rows.map((row) => ({ id: row.id, basis: new Date(Number(row.basis)) }));
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
