export * from './lib/api-error';
export * from './lib/centre';
export * from './lib/health';
export * from './lib/roles';
export * from './lib/routes';
export * from './lib/web-routes';
