// `npm run restore FILE`: brings a backup made by `npm run backup` back into the EMPTY database
// that DATA_DIR and DATABASE_URL name (SQLite: no file, or one without tables; PostgreSQL: no table
// outside its own schemas), so that the portal starts on it. The file is first read and
// authenticated whole; a wrong key or a damaged or altered file is refused with one line before
// anything is written. A non-empty target is refused as well.
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname, join, resolve } from 'node:path';
import { decrypt, KEY_SOURCES, openHeader, readHeader } from './backup-file.mjs';
import * as postgres from './postgres.mjs';
import { BackupError, loadSettings, readServerSecret, SERVER_SECRET_FILE } from './settings.mjs';
import * as sqlite from './sqlite.mjs';

const ENGINE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The key material the backup's header asks for. */
function keyMaterialFor(file, keySource, settings) {
  if (keySource === KEY_SOURCES.backupKey) {
    if (!settings.backupKey) {
      throw new BackupError(
        `${file} was encrypted with BACKUP_KEY, which is not set; set it to the key used for ` +
          'the backup (nothing was written)',
      );
    }
    return settings.backupKey;
  }
  const secret = readServerSecret(settings);
  if (!secret) {
    throw new BackupError(
      `${file} was encrypted with the server secret, but SERVER_SECRET is not set and ` +
        `${join(settings.dataDir, SERVER_SECRET_FILE)} is missing; put the portal's server-secret ` +
        'file there first (nothing was written)',
    );
  }
  return secret;
}

/** Reads the whole backup and checks every chunk, writing nothing. */
async function verify(file, header, key) {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(file), decrypt(file, header, key), discard);
}

async function restoreSqlite(file, header, key, settings) {
  const target = settings.database.path;
  const refuse = () =>
    new BackupError(
      `the database ${target} is not empty; restore only into a new DATA_DIR or an empty ` +
        'database (nothing was written)',
    );
  if (!(await sqlite.isEmpty(target))) {
    throw refuse();
  }
  await verify(file, header, key);
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(target), `.restore-${randomBytes(8).toString('hex')}.sqlite`);
  try {
    await pipeline(
      createReadStream(file),
      decrypt(file, header, key),
      createWriteStream(temporary, { mode: 0o600, flags: 'wx', flush: true }),
    );
    const problem = await sqlite.problemIn(temporary);
    if (problem) {
      throw new BackupError(`the restored database fails SQLite's check (${problem})`);
    }
    // Checked again right before: someone may have started the portal on it meanwhile.
    if (!(await sqlite.isEmpty(target))) {
      throw refuse();
    }
    for (const end of ['-wal', '-shm', '-journal']) {
      rmSync(target + end, { force: true });
    }
    renameSync(temporary, target);
  } finally {
    sqlite.wipe(temporary);
  }
  return target;
}

async function restorePostgres(file, header, key, settings) {
  if (!(await postgres.isEmpty(settings))) {
    throw new BackupError(
      `the PostgreSQL database ${settings.database.name} is not empty; restore only into a new, ` +
        'empty database (nothing was written)',
    );
  }
  await verify(file, header, key);
  const restoring = postgres.restore(settings);
  try {
    await Promise.all([
      pipeline(createReadStream(file), decrypt(file, header, key), restoring.input),
      restoring.finished,
    ]);
  } catch (error) {
    // pg_restore's single transaction rolls back when it is stopped halfway.
    restoring.abort();
    throw error;
  }
  return `PostgreSQL database ${settings.database.name}`;
}

async function main() {
  process.umask(0o077);
  const args = process.argv.slice(2);
  if (args.length !== 1) {
    throw new BackupError('name one backup file: npm run restore -- <file>');
  }
  const file = resolve(args[0]);
  const settings = loadSettings();
  const parsed = await readHeader(file);
  if (parsed.engine !== settings.database.engine) {
    throw new BackupError(
      `${file} is a backup of ${ENGINE_NAMES[parsed.engine]}, but DATABASE_URL names ` +
        `${ENGINE_NAMES[settings.database.engine]} (nothing was written)`,
    );
  }
  const key = openHeader(file, parsed, keyMaterialFor(file, parsed.keySource, settings));
  const restored =
    parsed.engine === 'sqlite'
      ? await restoreSqlite(file, parsed.header, key, settings)
      : await restorePostgres(file, parsed.header, key, settings);
  console.log(`Restored ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) into ${restored}`);
  if (!readServerSecret(settings)) {
    console.warn(
      `The portal needs the server secret this database was set up with: put its server-secret ` +
        `file into ${settings.dataDir} or set SERVER_SECRET before npm start`,
    );
  }
}

main().catch((error) => {
  if (error instanceof BackupError) {
    console.error(`Restore error: ${error.message}`);
  } else {
    console.error(`Restore failed: ${sqlite.oneLine(error)}`);
  }
  process.exit(1);
});
