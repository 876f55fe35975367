export * from './accounts.dto';
export * from './auth.dto';
export * from './fields';
export * from './validators';
export * from './wire-format';
export * from './staff.dto';
export * from './conversations.dto';
export * from './appointments.dto';
