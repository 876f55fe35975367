import type { PostgresServer } from './postgres-server';

/** Stops the PostgreSQL that the global setup started, and removes its files. */
export default async function teardown(): Promise<void> {
  const server = (globalThis as { confidantPostgres?: PostgresServer }).confidantPostgres;
  if (server) {
    await server.stop();
    delete process.env['TEST_POSTGRES_URL'];
  }
}
