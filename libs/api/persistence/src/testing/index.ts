export * from './test-database';
export * from './postgres-server';
