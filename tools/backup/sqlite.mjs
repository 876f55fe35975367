// SQLite for the backup commands: a consistent snapshot with VACUUM INTO, the emptiness check of a
// restore target, and wiping the plaintext snapshot afterwards.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { BackupError } from './settings.mjs';

/** How long a snapshot or a check waits for a lock that the running portal holds. */
const BUSY_MS = 10_000;

function openDatabase(path, mode) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

const all = (db, sql, params = []) =>
  new Promise((resolve, reject) =>
    db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
  );

const close = (db) => new Promise((resolve) => db.close(() => resolve()));

/**
 * A consistent snapshot of the database, also while the portal writes to it: `VACUUM INTO` a new
 * file in DATA_DIR (0600 through the umask). The caller encrypts it and then {@link wipe}s it.
 */
export async function snapshot(databasePath, dataDir) {
  if (!existsSync(databasePath)) {
    throw new BackupError(`there is no database at ${databasePath} (DATA_DIR or DATABASE_URL)`);
  }
  const target = join(dataDir, `.backup-${randomBytes(8).toString('hex')}.sqlite`);
  let db;
  try {
    db = await openDatabase(databasePath, sqlite3.OPEN_READWRITE);
    db.configure('busyTimeout', BUSY_MS);
    await all(db, 'VACUUM INTO ?', [target]);
  } catch (error) {
    wipe(target);
    throw new BackupError(`cannot read the database ${databasePath} (${oneLine(error)})`);
  } finally {
    if (db) {
      await close(db);
    }
  }
  return target;
}

/** Snapshots of backups that were killed halfway, by name; a day old is surely no live one. */
const SNAPSHOT = /^\.backup-[0-9a-f]{16}\.sqlite$/;
const STALE_MS = 86_400_000;

/**
 * Wipes the plaintext snapshots that a backup stopped halfway (killed, power lost) left in DATA_DIR,
 * once they are a day old; returns how many.
 */
export function wipeStaleSnapshots(dataDir, now = Date.now()) {
  let names;
  try {
    names = readdirSync(dataDir);
  } catch {
    return 0;
  }
  let wiped = 0;
  for (const name of names.filter((entry) => SNAPSHOT.test(entry))) {
    const path = join(dataDir, name);
    const stat = lstatSync(path);
    if (stat.isFile() && now - stat.mtimeMs > STALE_MS) {
      wipe(path);
      wiped++;
    }
  }
  return wiped;
}

/**
 * True when a restore may write `databasePath`: no file, an empty file, or a database without a
 * single table. Anything else (also a file that is no database) is someone's data.
 */
export async function isEmpty(databasePath) {
  if (!existsSync(databasePath)) {
    return true;
  }
  let db;
  try {
    db = await openDatabase(databasePath, sqlite3.OPEN_READONLY);
    db.configure('busyTimeout', BUSY_MS);
    const rows = await all(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
    return rows[0].n === 0;
  } catch {
    return false;
  } finally {
    if (db) {
      await close(db);
    }
  }
}

/** `PRAGMA quick_check` of a restored file: null when it is sound, else SQLite's verdict. */
export async function problemIn(databasePath) {
  let db;
  try {
    db = await openDatabase(databasePath, sqlite3.OPEN_READONLY);
    const [first] = await all(db, 'PRAGMA quick_check(1)');
    const verdict = first ? String(Object.values(first)[0]) : 'no answer';
    return verdict === 'ok' ? null : verdict;
  } catch (error) {
    return oneLine(error);
  } finally {
    if (db) {
      await close(db);
    }
  }
}

/** Overwrites a plaintext file with zeros, then removes it; nothing when it is not there. */
export function wipe(path) {
  let fd;
  try {
    fd = openSync(path, 'r+');
  } catch {
    rmSync(path, { force: true });
    return;
  }
  try {
    const zeros = Buffer.alloc(1 << 16);
    for (let left = fstatSync(fd).size; left > 0; left -= zeros.length) {
      writeSync(fd, zeros, 0, Math.min(left, zeros.length));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}

export const oneLine = (error) => String(error?.message ?? error).replace(/\s+/g, ' ');
