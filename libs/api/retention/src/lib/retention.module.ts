import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule } from '@confidant/api/messaging';
import { JobLease } from './job-lease';
import { JobLeaseEntity } from './job-lease.entity';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/**
 * Retention: deletion dates, the warning mail and the hourly sweep. Needs the global auth, mail
 * and centre modules, the messaging module, and `ScheduleModule.forRoot()` in the application.
 */
@Module({
  imports: [TypeOrmModule.forFeature([JobLeaseEntity]), MessagingModule],
  providers: [JobLease, RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
