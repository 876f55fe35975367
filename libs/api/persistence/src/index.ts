export * from './lib/database-options';
export * from './lib/persistence.module';
export { MIGRATIONS } from './migrations';
export * from './lib/columns';
export * from './lib/entity-rows';
export * from './lib/database-check';
export * from './lib/sql-operations';
