// `npm run backup`: writes one encrypted file of the database (SQLite or PostgreSQL, by
// DATABASE_URL) into BACKUP_DIR (DATA_DIR/backups), then removes the backups there that are older
// than BACKUP_RETENTION_DAYS (7). The key is BACKUP_KEY, or else one derived from the server
// secret (see backup-file.mjs). Exit status 0 on success; a refusal prints one line and exits 1.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { encrypt, KEY_SOURCES, newHeader } from './backup-file.mjs';
import * as postgres from './postgres.mjs';
import { BackupError, loadSettings, readServerSecret } from './settings.mjs';
import * as sqlite from './sqlite.mjs';

/** `confidant-2026-12-06T19-45-00.123Z.backup`: the UTC time the backup was started. */
const NAME = /^confidant-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.backup$/;

function backupName(date) {
  return `confidant-${date.toISOString().replace(/:/g, '-')}.backup`;
}

/** When the backup named `name` was made, or null for a file that is not one. */
function backupTime(name) {
  const match = NAME.exec(name);
  if (!match) {
    return null;
  }
  const [, day, hours, minutes, seconds, millis] = match;
  const time = Date.parse(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(time) ? null : time;
}

/** The key for a new backup: BACKUP_KEY, else the server secret. */
function keyFor(settings) {
  if (settings.backupKey) {
    return { keySource: KEY_SOURCES.backupKey, keyMaterial: settings.backupKey };
  }
  const secret = readServerSecret(settings);
  if (!secret) {
    throw new BackupError(
      `neither BACKUP_KEY nor SERVER_SECRET is set and ${join(settings.dataDir, 'server-secret')} ` +
        'is missing, so there is no key to encrypt the backup with',
    );
  }
  return { keySource: KEY_SOURCES.serverSecret, keyMaterial: secret };
}

/** BACKUP_DIR, 0700 whatever it was, never through a symbolic link. */
function prepareBackupDir(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (lstatSync(dir).isSymbolicLink()) {
    throw new BackupError(`BACKUP_DIR ${dir} is a symbolic link; name the folder itself`);
  }
  chmodSync(dir, 0o700);
}

/** Writes the backup; returns its path. */
async function writeBackup(settings, now = new Date()) {
  const { keySource, keyMaterial } = keyFor(settings);
  const { engine } = settings.database;
  prepareBackupDir(settings.backupDir);
  const { header, key } = newHeader(engine, keySource, keyMaterial);
  const file = join(settings.backupDir, backupName(now));
  const partial = join(settings.backupDir, `.${randomBytes(8).toString('hex')}.partial`);
  let snapshot = null;
  try {
    const output = createWriteStream(partial, { mode: 0o600, flags: 'wx', flush: true });
    if (engine === 'sqlite') {
      const stale = sqlite.wipeStaleSnapshots(settings.dataDir, now.getTime());
      if (stale > 0) {
        console.warn(`Wiped ${stale} snapshot(s) that an interrupted backup left in DATA_DIR`);
      }
      snapshot = await sqlite.snapshot(settings.database.path, settings.dataDir);
      await pipeline(createReadStream(snapshot), encrypt(header, key), output);
    } else {
      const dumped = postgres.dump(settings);
      await Promise.all([pipeline(dumped.output, encrypt(header, key), output), dumped.finished]);
    }
    // No overwriting: a second backup in the same millisecond fails instead of replacing one.
    linkSync(partial, file);
  } finally {
    if (snapshot) {
      sqlite.wipe(snapshot);
    }
    rmSync(partial, { force: true });
  }
  return file;
}

/**
 * Removes the backups in BACKUP_DIR made more than `days` days before `now`, judged by the time in
 * their names; other files are left alone. Returns the names removed.
 */
function removeExpired(backupDir, days, now = new Date()) {
  const limit = now.getTime() - days * 86_400_000;
  const removed = [];
  for (const name of readdirSync(backupDir).sort()) {
    const time = backupTime(name);
    if (time !== null && time < limit && statSync(join(backupDir, name)).isFile()) {
      rmSync(join(backupDir, name));
      removed.push(name);
    }
  }
  return removed;
}

async function main() {
  // The snapshot and the backup are for the portal's user only.
  process.umask(0o077);
  const settings = loadSettings();
  const now = new Date();
  const file = await writeBackup(settings, now);
  const size = statSync(file).size;
  console.log(`Backup written: ${file} (${(size / 1e6).toFixed(1)} MB, encrypted)`);
  const removed = removeExpired(settings.backupDir, settings.retentionDays, now);
  console.log(
    `Removed ${removed.length} backup${removed.length === 1 ? '' : 's'} older than ` +
      `${settings.retentionDays} days from ${settings.backupDir}`,
  );
}

main().catch((error) => {
  if (error instanceof BackupError) {
    console.error(`Backup error: ${error.message}`);
  } else {
    console.error(`Backup failed: ${sqlite.oneLine(error)}`);
  }
  process.exit(1);
});
