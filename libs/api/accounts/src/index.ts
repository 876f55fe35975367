export * from './lib/centre/centre-seed';
export * from './lib/centre/centre.entity';
export * from './lib/centre/centre.module';
export * from './lib/centre/centre.service';
export * from './lib/me/me.module';
export * from './lib/staff/invitation.entity';
export * from './lib/staff/staff.module';
