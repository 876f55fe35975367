import { PostgresServer, startPostgres } from './postgres-server';

/**
 * Jest global setup for `TEST_DATABASE_ENGINE=postgres` (jest.preset.js): starts one throw-away
 * PostgreSQL for the project's test run and hands its URL to the workers through the environment
 * (they start after this). Each test module then gets a database of its own
 * (`testDatabaseModule`). A `TEST_POSTGRES_URL` set from outside is used as it is.
 */
export default async function setup(): Promise<void> {
  if (process.env['TEST_DATABASE_ENGINE'] !== 'postgres' || process.env['TEST_POSTGRES_URL']) {
    return;
  }
  const server = await startPostgres();
  process.env['TEST_POSTGRES_URL'] = server.url;
  // Globals of the global setup are seen by the global teardown, which stops the server.
  (globalThis as { confidantPostgres?: PostgresServer }).confidantPostgres = server;
}
