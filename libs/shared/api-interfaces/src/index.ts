export * from './lib/api-error';
export * from './lib/auth';
export * from './lib/centre';
export * from './lib/envelopes';
export * from './lib/health';
export * from './lib/roles';
export * from './lib/routes';
export * from './lib/web-routes';
