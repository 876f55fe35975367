export * from './lib/job-lease';
export * from './lib/job-lease.entity';
export * from './lib/retention-dates';
export * from './lib/retention.module';
export * from './lib/retention.service';
