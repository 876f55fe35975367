import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseState, inspectDatabase } from '@confidant/api/persistence';
import { AppConfig, ConfigError } from './app-config';

export const SERVER_SECRET_FILE = 'server-secret';

/** The mail outbox inside DATA_DIR (see AppModule). */
const OUTBOX_DIR = 'outbox';

/** What the database keeps of the secret: HMAC-SHA256 of this label under it. */
const CHECK_LABEL = 'confidant/v1/server-secret-check';

/**
 * The check value of a server secret that the database records on its first start: it shows
 * whether a later start has the same secret, and reveals nothing that decrypts anything.
 */
export function serverSecretCheck(secret: Uint8Array): string {
  return createHmac('sha256', secret).update(CHECK_LABEL).digest('base64url');
}

/**
 * Readies DATA_DIR and returns the server secret: the configured one, or the one kept in
 * `DATA_DIR/server-secret`, generated on the first start. The secret keys the prelogin answers for
 * unknown names and the encryption of stored e-mail addresses, so it must survive restarts and must
 * never be replaced silently. So, before anything is written:
 *
 * - the database is inspected read-only; a damaged or unreadable one stops the start
 *   (`DatabaseUnusableError`);
 * - a secret that does not match the check value the database recorded, or a missing secret file
 *   while the database has accounts or a check value, stops the start with a {@link ConfigError}.
 *
 * Only then the secret file is generated (on the first start), and DATA_DIR (0700) and the files
 * the portal keeps there (0600) are made private to its user, whatever they were before.
 */
export async function prepareDataDir(config: AppConfig): Promise<Uint8Array> {
  const database = await inspectDatabase(config.database);
  const file = join(config.dataDir, SERVER_SECRET_FILE);
  const secret = config.configuredServerSecret ?? readOrCreateSecretFile(config, file, database);
  if (
    database.serverSecretCheck !== null &&
    database.serverSecretCheck !== serverSecretCheck(secret)
  ) {
    throw new ConfigError(
      'SERVER_SECRET',
      config.configuredServerSecret
        ? `is not the secret that the database ${config.databaseName} was set up with; ` +
          'set it to that secret (nothing was changed)'
        : `is not set and ${file} holds another secret than the one that the database ` +
          `${config.databaseName} was set up with; restore the right file from a backup ` +
          'or set SERVER_SECRET to that secret (nothing was changed)',
    );
  }
  makePrivate(config);
  return secret;
}

function readOrCreateSecretFile(
  config: AppConfig,
  file: string,
  database: DatabaseState,
): Uint8Array {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    if (database.hasAccounts || database.serverSecretCheck !== null) {
      throw new ConfigError(
        'SERVER_SECRET',
        `is not set and ${file} is missing, but the database ${config.databaseName} was set up ` +
          'with a server secret (stored e-mail addresses need it); restore the file from a ' +
          'backup or set SERVER_SECRET to that secret (nothing was changed)',
      );
    }
    text = createSecretFile(config, file);
  }
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < 32) {
    throw new ConfigError(
      'SERVER_SECRET',
      `is not set and ${file} does not hold 32 bytes of base64url`,
    );
  }
  return new Uint8Array(secret);
}

/** Writes a new secret; when another start was quicker, returns the secret it wrote. */
function createSecretFile(config: AppConfig, file: string): string {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const text = randomBytes(32).toString('base64url') + '\n';
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    return readFileSync(file, 'utf8');
  }
}

/**
 * DATA_DIR 0700; the database with its `-wal`, `-shm` and `-journal` files (also when DATABASE_URL
 * puts them elsewhere), the secret file and the outbox's mails 0600; the outbox folder 0700. Other
 * files in DATA_DIR are left alone. Files made later are private through the process umask
 * (`main.ts`) and SQLite, which gives its `-wal` and `-shm` files the database file's mode.
 */
function makePrivate(config: AppConfig): void {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  restrict(config.dataDir, 0o700);
  const files = [join(config.dataDir, SERVER_SECRET_FILE)];
  if (config.database.engine !== 'postgres' && config.databasePath !== ':memory:') {
    files.push(...['', '-wal', '-shm', '-journal'].map((end) => config.databasePath + end));
  }
  const outbox = join(config.dataDir, OUTBOX_DIR);
  if (restrict(outbox, 0o700)) {
    files.push(...readdirSync(outbox).map((name) => join(outbox, name)));
  }
  for (const file of files) {
    restrict(file, 0o600);
  }
}

/** Sets the mode of a file or folder that exists (never through a symbolic link); false if none. */
function restrict(path: string, mode: number): boolean {
  let current;
  try {
    current = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
  if (current.isSymbolicLink()) {
    return false;
  }
  if ((current.mode & 0o7777) !== mode) {
    try {
      chmodSync(path, mode);
    } catch (error) {
      throw new ConfigError(
        'DATA_DIR',
        `cannot be made private to the portal's user: chmod ${mode.toString(8)} ${path} failed ` +
          `(${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  return current.isDirectory();
}
