// What `npm run backup` and `npm run restore` read from the environment, validated the way the API
// validates its own settings (apps/api/src/config/app-config.ts): DATA_DIR, DATABASE_URL,
// SERVER_SECRET or DATA_DIR/server-secret, and the backup's own BACKUP_KEY, BACKUP_DIR and
// BACKUP_RETENTION_DAYS. A bad value throws a BackupError whose message names the variable.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** A refusal that the command prints as one line; nothing was written when it is thrown. */
export class BackupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BackupError';
  }
}

/** As in the API: DATA_DIR/server-secret holds the generated secret when SERVER_SECRET is unset. */
export const SERVER_SECRET_FILE = 'server-secret';

/** Backups kept by default, in days; the privacy page states this figure. */
export const DEFAULT_RETENTION_DAYS = 7;

/** Debian's PostgreSQL 15 client tools, used when PG_BIN_DIR is not set and they are there. */
const DEBIAN_PG_BIN_DIR = '/usr/lib/postgresql/15/bin';

/**
 * Reads the settings. `database` is `{ engine: 'sqlite', path }` or
 * `{ engine: 'postgres', url, env, name }`, where `env` holds libpq's PG* variables for the tools
 * (so that the password never appears on a command line).
 */
export function loadSettings(env = process.env, cwd = process.cwd()) {
  const raw = (name) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const dataDir = resolve(cwd, raw('DATA_DIR') ?? 'data');
  const database = databaseFrom(raw('DATABASE_URL'), dataDir, cwd);
  const backupDir = resolve(cwd, raw('BACKUP_DIR') ?? join(dataDir, 'backups'));
  const retentionDays = integer('BACKUP_RETENTION_DAYS', raw('BACKUP_RETENTION_DAYS'), 1, 3650);
  const backupKey = keyFrom(raw('BACKUP_KEY'));
  const serverSecret = secretFrom(raw('SERVER_SECRET'));
  const pgBinDir =
    raw('PG_BIN_DIR') ??
    (existsSync(join(DEBIAN_PG_BIN_DIR, 'pg_dump')) ? DEBIAN_PG_BIN_DIR : null);
  return { dataDir, database, backupDir, retentionDays, backupKey, serverSecret, pgBinDir };
}

/**
 * The server secret as the API reads it: SERVER_SECRET, else DATA_DIR/server-secret; null when
 * there is neither.
 */
export function readServerSecret(settings) {
  if (settings.serverSecret) {
    return settings.serverSecret;
  }
  const file = join(settings.dataDir, SERVER_SECRET_FILE);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') {
      return null;
    }
    throw new BackupError(`cannot read ${file} (${error.code})`);
  }
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < 32) {
    throw new BackupError(`${file} does not hold 32 bytes of base64url`);
  }
  return secret;
}

/** A program of the PostgreSQL client tools: from PG_BIN_DIR or Debian's, else from PATH. */
export function pgTool(settings, name) {
  return settings.pgBinDir ? join(settings.pgBinDir, name) : name;
}

function integer(name, value, min, max) {
  if (value === undefined) {
    return DEFAULT_RETENTION_DAYS;
  }
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new BackupError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}

function keyFrom(value) {
  if (value === undefined) {
    return null;
  }
  const bytes = /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    // Never echo the value: it is a key.
    throw new BackupError(
      'BACKUP_KEY must be 32 random bytes written as base64url (43 characters), for example ' +
        'the output of: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
    );
  }
  return bytes;
}

function secretFrom(value) {
  if (value === undefined) {
    return null;
  }
  const bytes = /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  if (bytes.length < 32) {
    throw new BackupError('SERVER_SECRET must be at least 32 random bytes written as base64url');
  }
  return bytes;
}

function databaseFrom(value, dataDir, cwd) {
  if (value === undefined) {
    return { engine: 'sqlite', path: join(dataDir, 'confidant.sqlite') };
  }
  if (value === 'sqlite::memory:') {
    throw new BackupError('DATABASE_URL is sqlite::memory:, which keeps nothing to back up');
  }
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/.exec(value);
  if (sqlite) {
    const path = sqlite[1];
    return { engine: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    return postgresFrom(value);
  }
  throw new BackupError(
    'DATABASE_URL must look like sqlite:<file> or postgres://user:password@host:port/database',
  );
}

/** libpq's variables for a postgres:// URL (host, port, user, password, database, TLS). */
function postgresFrom(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    // Never echo the value: it may hold a password.
    throw new BackupError('DATABASE_URL is not a valid postgres:// URL');
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (name === '') {
    throw new BackupError('DATABASE_URL names no database (postgres://…/<database>)');
  }
  const env = { PGDATABASE: name };
  const host = url.searchParams.get('host') ?? (url.hostname || null);
  const fromUrl = {
    PGHOST: host?.replace(/^\[(.*)\]$/, '$1'),
    PGPORT: url.port || undefined,
    PGUSER: url.username ? decodeURIComponent(url.username) : undefined,
    PGPASSWORD: url.password ? decodeURIComponent(url.password) : undefined,
    PGSSLMODE: url.searchParams.get('sslmode') ?? undefined,
    PGSSLROOTCERT: url.searchParams.get('sslrootcert') ?? undefined,
    PGSSLCERT: url.searchParams.get('sslcert') ?? undefined,
    PGSSLKEY: url.searchParams.get('sslkey') ?? undefined,
  };
  for (const [key, entry] of Object.entries(fromUrl)) {
    if (entry) {
      env[key] = entry;
    }
  }
  return { engine: 'postgres', url: value, env, name };
}
