import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';

export const SERVER_SECRET_FILE = 'server-secret';

/**
 * Creates DATA_DIR (owner only) and returns the server secret: the configured one, or the one kept in
 * `DATA_DIR/server-secret`, generated on the first start with mode 0600. The secret keys the prelogin
 * answers for unknown names and the encryption of stored e-mail addresses, so it must survive restarts.
 */
export function prepareDataDir(config: AppConfig): Uint8Array {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (config.configuredServerSecret) {
    return config.configuredServerSecret;
  }
  const file = join(config.dataDir, SERVER_SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (secret.length < 32) {
    throw new ConfigError(
      'SERVER_SECRET',
      `is not set and ${file} does not hold 32 bytes of base64url`,
    );
  }
  return new Uint8Array(secret);
}
