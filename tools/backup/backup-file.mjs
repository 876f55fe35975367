// The encrypted backup file, format 1: a 44-byte header, then the database in chunks of at most
// 64 KiB, each sealed with AES-256-GCM.
//
//   header  "CNFDBKUP" | version 1 | engine (1 SQLite, 2 PostgreSQL) | key source (1 BACKUP_KEY,
//           2 server secret) | log2 of the chunk size (16) | salt (16 bytes) | key check (16 bytes)
//   chunk   ciphertext length (4 bytes, big-endian) | ciphertext | GCM tag (16 bytes)
//
// The file key and the key check come from HKDF-SHA256 of BACKUP_KEY or the server secret with the
// file's random salt, so every file has its own key. A chunk's nonce is its number (8 bytes) and a
// last-chunk flag (1 byte) after three zero bytes, and the whole header is every chunk's
// additional data: chunks cannot be reordered, dropped, cut off at the end or moved between files,
// and the header cannot be altered, without the decryption noticing.
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { open } from 'node:fs/promises';
import { BackupError } from './settings.mjs';

const MAGIC = Buffer.from('CNFDBKUP', 'latin1');
const VERSION = 1;
export const HEADER_LENGTH = 44;
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const TAG_LENGTH = 16;

export const ENGINES = { sqlite: 1, postgres: 2 };
export const KEY_SOURCES = { backupKey: 1, serverSecret: 2 };
const INFO = {
  [KEY_SOURCES.backupKey]: 'confidant/v1/backup/backup-key',
  [KEY_SOURCES.serverSecret]: 'confidant/v1/backup/server-secret',
};

/** A new header for a backup of `engine` with a key from `keySource`, and the file's key. */
export function newHeader(engine, keySource, keyMaterial) {
  const salt = randomBytes(16);
  const { key, check } = deriveKeys(keyMaterial, salt, keySource);
  const header = Buffer.concat([
    MAGIC,
    Buffer.from([VERSION, ENGINES[engine], keySource, CHUNK_BITS]),
    salt,
    check,
  ]);
  return { header, key };
}

/** Reads and checks the header of `file`: `{ header, engine, keySource, salt, check }`. */
export async function readHeader(file) {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new BackupError(`cannot open ${file} (${error.code})`);
  }
  try {
    const header = Buffer.alloc(HEADER_LENGTH);
    const { bytesRead } = await handle.read(header, 0, HEADER_LENGTH, 0);
    if (bytesRead < HEADER_LENGTH || !header.subarray(0, 8).equals(MAGIC)) {
      throw new BackupError(`${file} is not a Confidant backup (no backup header)`);
    }
    if (header[8] !== VERSION) {
      throw new BackupError(
        `${file} has backup format ${header[8]}, which this version cannot read (it reads ${VERSION})`,
      );
    }
    const engine = Object.keys(ENGINES).find((name) => ENGINES[name] === header[9]);
    if (!engine || !INFO[header[10]] || header[11] !== CHUNK_BITS) {
      throw new BackupError(`${file} is damaged or was altered (its header is not valid)`);
    }
    return {
      header,
      engine,
      keySource: header[10],
      salt: header.subarray(12, 28),
      check: header.subarray(28, 44),
    };
  } finally {
    await handle.close();
  }
}

/** The file key for a header read by {@link readHeader}; throws when the key material is wrong. */
export function openHeader(file, parsed, keyMaterial) {
  const { key, check } = deriveKeys(keyMaterial, parsed.salt, parsed.keySource);
  if (!timingSafeEqual(check, parsed.check)) {
    const name = parsed.keySource === KEY_SOURCES.backupKey ? 'BACKUP_KEY' : 'the server secret';
    throw new BackupError(
      `${file} was not made with this key: ${name} is not the one it was encrypted with ` +
        '(nothing was written)',
    );
  }
  return key;
}

function deriveKeys(keyMaterial, salt, keySource) {
  const okm = Buffer.from(hkdfSync('sha256', keyMaterial, salt, INFO[keySource], 48));
  return { key: okm.subarray(0, 32), check: okm.subarray(32, 48) };
}

function nonce(index, last) {
  const bytes = Buffer.alloc(12);
  bytes.writeBigUInt64BE(BigInt(index), 3);
  bytes[11] = last ? 1 : 0;
  return bytes;
}

function seal(key, header, index, plaintext, last) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(index, last));
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(ciphertext.length);
  return Buffer.concat([length, ciphertext, cipher.getAuthTag()]);
}

/**
 * A pipeline step: the header, then `source` (bytes) in sealed chunks, the last one flagged (empty
 * when the source ends on a chunk boundary).
 */
export function encrypt(header, key) {
  return async function* (source) {
    yield header;
    let pending = Buffer.alloc(0);
    let index = 0;
    for await (const data of source) {
      pending = pending.length === 0 ? Buffer.from(data) : Buffer.concat([pending, data]);
      while (pending.length > CHUNK_SIZE) {
        yield seal(key, header, index++, pending.subarray(0, CHUNK_SIZE), false);
        pending = pending.subarray(CHUNK_SIZE);
      }
    }
    yield seal(key, header, index, pending, true);
  };
}

/**
 * A pipeline step: the plaintext of a backup file's bytes (header included), chunk by chunk, each
 * only after its tag was verified. Throws a BackupError on the first chunk that fails, on a cut-off
 * file and on bytes after the last chunk.
 */
export function decrypt(file, header, key) {
  return async function* (source) {
    const reader = byteReader(source);
    const damaged = (what) =>
      new BackupError(`${file} is damaged or was altered (${what}); nothing was written`);
    if (!(await reader.read(HEADER_LENGTH))?.equals(header)) {
      throw damaged('its header changed while it was read');
    }
    for (let index = 0; ; index++) {
      const length = await reader.read(4);
      if (!length) {
        throw damaged('it ends before its last chunk');
      }
      const size = length.readUInt32BE();
      if (size > CHUNK_SIZE) {
        throw damaged(`chunk ${index + 1} has an impossible length`);
      }
      const body = await reader.read(size + TAG_LENGTH);
      if (!body) {
        throw damaged('it ends before its last chunk');
      }
      const plaintext = openChunk(key, header, index, body, size);
      if (plaintext) {
        yield plaintext.data;
        if (plaintext.last) {
          if (await reader.read(1)) {
            throw damaged('bytes follow its last chunk');
          }
          return;
        }
      } else {
        throw damaged(`chunk ${index + 1} fails authentication`);
      }
    }
  };
}

/** The chunk's plaintext and whether it was the last one; undefined when it fails to open. */
function openChunk(key, header, index, body, size) {
  for (const last of [false, true]) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, last));
      decipher.setAAD(header);
      decipher.setAuthTag(body.subarray(size));
      const data = Buffer.concat([decipher.update(body.subarray(0, size)), decipher.final()]);
      return { data, last };
    } catch {
      // Not this flag; after both, the chunk was altered.
    }
  }
  return undefined;
}

/** Exact reads from an async iterable of buffers; null at the end (or before n bytes came). */
function byteReader(source) {
  const iterator = source[Symbol.asyncIterator]();
  let buffered = Buffer.alloc(0);
  return {
    async read(n) {
      while (buffered.length < n) {
        const { value, done } = await iterator.next();
        if (done) {
          return null;
        }
        buffered = buffered.length === 0 ? Buffer.from(value) : Buffer.concat([buffered, value]);
      }
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      return out;
    },
  };
}
