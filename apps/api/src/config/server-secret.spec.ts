import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { prepareDataDir, SERVER_SECRET_FILE } from './server-secret';

describe('prepareDataDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'confidant-secret-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data folder and a 32-byte secret only its owner can read', () => {
    const config = loadConfig({ DATA_DIR: join(root, 'data') });

    const secret = prepareDataDir(config);

    expect(secret).toHaveLength(32);
    expect(statSync(config.dataDir).mode & 0o777).toBe(0o700);
    const file = join(config.dataDir, SERVER_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(secret).toString('base64url'));
  });

  it('keeps the same secret across restarts and tightens loose permissions', () => {
    const config = loadConfig({ DATA_DIR: root });
    const first = prepareDataDir(config);
    chmodSync(join(root, SERVER_SECRET_FILE), 0o644);

    const second = prepareDataDir(config);

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(statSync(join(root, SERVER_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('uses a configured secret and writes no file', () => {
    const configured = Buffer.alloc(32, 9).toString('base64url');
    const config = loadConfig({ DATA_DIR: root, SERVER_SECRET: configured });

    const secret = prepareDataDir(config);

    expect(Buffer.from(secret).toString('base64url')).toBe(configured);
    expect(() => statSync(join(root, SERVER_SECRET_FILE))).toThrow();
  });
});
