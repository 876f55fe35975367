import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CentreResponse } from '@confidant/shared/api-interfaces';
import { Repository } from 'typeorm';
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
  }

  async getCentre(): Promise<CentreEntity> {
    return this.centres.findOneByOrFail({ id: CENTRE_ID });
  }

  /** Changes what a lead changed; returns the public settings afterwards. */
  async update(changes: Partial<CentreSeed>): Promise<CentreResponse> {
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
