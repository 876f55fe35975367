// PostgreSQL for the backup commands: pg_dump's custom format streamed into the encryption (no
// plaintext file), pg_restore fed from the decryption in one transaction, and the emptiness check of
// a restore target. The tools get the connection through libpq's PG* variables, never on their
// command line, where other users could read the password.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { BackupError, pgTool } from './settings.mjs';

/** A tool of the PostgreSQL client with the database's connection in its environment. */
function run(settings, name, args, stdio) {
  const child = spawn(pgTool(settings, name), args, {
    env: { ...process.env, ...settings.database.env },
    stdio,
  });
  let errors = '';
  child.stderr.on('data', (data) => {
    errors = (errors + data.toString()).slice(-2000);
  });
  const finished = new Promise((resolve, reject) => {
    child.on('error', (error) =>
      reject(
        new BackupError(
          `cannot run ${name} (${error.code}); install PostgreSQL's client tools or set PG_BIN_DIR`,
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        const last = errors.trim().split('\n').pop() || `ended with ${code ?? signal}`;
        reject(new BackupError(`${name} failed: ${last}`));
      }
    });
  });
  return { child, finished };
}

/** pg_dump -Fc of the whole database: `{ output, finished }`. */
export function dump(settings) {
  const { child, finished } = run(
    settings,
    'pg_dump',
    ['--format=custom', '--no-password', '--no-owner', '--no-privileges'],
    ['ignore', 'pipe', 'pipe'],
  );
  return { output: child.stdout, finished };
}

/**
 * pg_restore into the database, in a single transaction that rolls back on any error (also when
 * the decryption stops it halfway): `{ input, finished, abort }`.
 */
export function restore(settings) {
  const { child, finished } = run(
    settings,
    'pg_restore',
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-password',
      '--no-owner',
      '--no-privileges',
      `--dbname=${settings.database.name}`,
    ],
    ['pipe', 'ignore', 'pipe'],
  );
  // An early end of pg_restore shows in `finished`; its closed pipe must not crash the command.
  child.stdin.on('error', () => undefined);
  return { input: child.stdin, finished, abort: () => child.kill('SIGTERM') };
}

/** True when the database holds no table outside PostgreSQL's own schemas. */
export async function isEmpty(settings) {
  const client = new pg.Client({ connectionString: settings.database.url });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_catalog.pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0].n === 0;
  } catch (error) {
    throw new BackupError(`cannot reach the PostgreSQL database (${error.message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
