import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isValidSender, isValidSubject, MailFailure } from '@confidant/api/mail';
import { CentreMailResponse, CentreResponse } from '@confidant/shared/api-interfaces';
import { IsNull, Not, Repository } from 'typeorm';
import { CENTRE_SEED, CentreSeed } from './centre-seed';
import { CentreEntity } from './centre.entity';

/** The single centre row of this installation. */
export const CENTRE_ID = 1;

@Injectable()
export class CentreService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CentreService.name);

  constructor(
    @InjectRepository(CentreEntity) private readonly centres: Repository<CentreEntity>,
    @Inject(CENTRE_SEED) private readonly seed: CentreSeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSeeded();
  }

  /**
   * Creates the centre row on the first start. Safe when several instances start at once: the
   * insert is ignored if another instance was first, and existing settings are never overwritten.
   */
  async ensureSeeded(): Promise<void> {
    const result = await this.centres
      .createQueryBuilder()
      .insert()
      .values({ id: CENTRE_ID, ...this.seed, teamPublicKey: null })
      .orIgnore()
      .execute();
    if (result.raw && (result.identifiers.length > 0 || result.raw.changes > 0)) {
      this.logger.log('Seeded the centre settings');
    }
    await this.repairSender();
  }

  /**
   * The sender that notices go out with must be one the mailer accepts, or every notice is lost.
   * Earlier versions derived `noreply@localhost` from `PUBLIC_URL=http://localhost:…` and stored
   * it: such a sender is replaced by the configured one (which the configuration check vouches for).
   */
  private async repairSender(): Promise<void> {
    const centre = await this.centres.findOneBy({ id: CENTRE_ID });
    if (centre && !isValidSender(centre.notificationSender)) {
      await this.centres.update(
        { id: CENTRE_ID },
        { notificationSender: this.seed.notificationSender },
      );
      this.logger.warn(
        'The stored sender of notices was no valid address; it is now the configured one',
      );
    }
  }

  async getCentre(): Promise<CentreEntity> {
    return this.centres.findOneByOrFail({ id: CENTRE_ID });
  }

  /** Changes what a lead changed; returns the public settings afterwards. */
  async update(changes: Partial<CentreSeed>): Promise<CentreResponse> {
    if (changes.notificationSender !== undefined && !isValidSender(changes.notificationSender)) {
      throw new BadRequestException(
        'notificationSender must be one e-mail address with a dotted domain, optionally with a ' +
          'name, such as "Beratungsstelle <noreply@beratung.example>"',
      );
    }
    if (changes.notificationSubject !== undefined && !isValidSubject(changes.notificationSubject)) {
      throw new BadRequestException('notificationSubject must be one line of text');
    }
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    ) as Partial<CentreSeed>;
    if (Object.keys(defined).length > 0) {
      await this.centres.update({ id: CENTRE_ID }, defined);
    }
    return this.getPublicCentre();
  }

  /** The team public key is set once, when the first lead sets up the centre. */
  async setTeamPublicKey(teamPublicKey: string): Promise<void> {
    await this.centres.update({ id: CENTRE_ID }, { teamPublicKey });
  }

  /** Sender and subject of the centre's neutral mails. */
  async mailIdentity(): Promise<{ from: string; subject: string }> {
    const centre = await this.getCentre();
    return { from: centre.notificationSender, subject: centre.notificationSubject };
  }

  /** Sender, subject and the last notice failure, for the lead's settings. */
  async mailSettings(): Promise<CentreMailResponse> {
    const centre = await this.getCentre();
    return {
      notificationSender: centre.notificationSender,
      notificationSubject: centre.notificationSubject,
      lastNoticeFailure:
        centre.noticeFailedAt && centre.noticeFailureReason
          ? {
              at: centre.noticeFailedAt.toISOString(),
              reason: centre.noticeFailureReason,
              detail: centre.noticeFailureDetail,
            }
          : null,
    };
  }

  /** A notice (reply or retention warning) could not be sent: the lead sees why, nothing more. */
  async recordNoticeFailure(failure: MailFailure, at: Date): Promise<void> {
    await this.centres.update(
      { id: CENTRE_ID },
      {
        noticeFailedAt: at,
        noticeFailureReason: failure.reason,
        noticeFailureDetail: failure.detail?.slice(0, 60) ?? null,
      },
    );
  }

  /** A notice went out: an earlier failure is no longer the last word. Writes only if one is kept. */
  async recordNoticeSent(): Promise<void> {
    await this.centres.update(
      { id: CENTRE_ID, noticeFailedAt: Not(IsNull()) },
      { noticeFailedAt: null, noticeFailureReason: null, noticeFailureDetail: null },
    );
  }

  async getPublicCentre(): Promise<CentreResponse> {
    const centre = await this.getCentre();
    return {
      name: centre.name,
      phone: centre.phone,
      responseDays: centre.responseDays,
      retentionMonths: centre.retentionMonths,
      exitUrl: centre.exitUrl,
      topics: centre.topics,
      teamPublicKey: centre.teamPublicKey,
    };
  }
}
