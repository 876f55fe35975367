import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RetentionService } from './retention.service';

/** The hourly job; it only calls the service, which tests drive directly with their own clock. */
@Injectable()
export class RetentionScheduler {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(private readonly retention: RetentionService) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'retention-sweep' })
  async runHourly(): Promise<void> {
    const now = new Date();
    try {
      await this.retention.sendWarnings(now);
      await this.retention.sweep(now);
    } catch (error) {
      this.logger.error(`The retention job failed: ${(error as Error).message}`);
    }
  }
}
