import { ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { freePort } from './support/global-setup';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

/**
 * How much longer than a start stopped by a configuration error (loading the server alone takes a
 * few seconds, more on a busy machine) a refused start may take. Old versions retried for 27 s.
 */
const REFUSAL_MS = 8000;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the built server the way an operator's service manager would, with the usual umask 022, on a
 * DATA_DIR of the test's own; the API alone (WEB_DIR=none) is enough for what is checked here.
 */
function launch(dataDir: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn('/bin/sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      WEB_DIR: 'none',
      LOG_LEVEL: 'log',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the server and resolves once it says it is running; returns its stop. */
async function start(dataDir: string, env?: Record<string, string>): Promise<() => Promise<void>> {
  const child = launch(dataDir, await freePort(), env);
  let output = '';
  await new Promise<void>((running, failed) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('The portal is running at')) {
        running();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => failed(new Error(`The portal exited with ${code}:\n${output}`)));
  });
  return async () => {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
}

/** Runs a start that is expected to stop by itself. */
async function runToExit(dataDir: string, env?: Record<string, string>): Promise<Exit> {
  const started = Date.now();
  const child = launch(dataDir, await freePort(), env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Old versions took 27 s here; do not let one hang the run.
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  return { code, stdout, stderr, ms: Date.now() - started };
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file of the folder (one level deep) with its bytes, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isFile())
      .map((name) => [
        name,
        `${mode(join(dir, name)).toString(8)} ${readFileSync(join(dir, name)).toString('base64')}`,
      ]),
  );
}

test.describe('starting the server', () => {
  let dataDir: string;

  test.beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'confidant-e2e-start-')), 'data');
  });

  test.afterEach(() => rmSync(resolve(dataDir, '..'), { recursive: true, force: true }));

  test('keeps DATA_DIR and every file in it private to its user, whatever existed before', async () => {
    test.setTimeout(60_000);
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const db = join(dataDir, 'confidant.sqlite');

    let stop = await start(dataDir);
    const created = [db, `${db}-wal`, `${db}-shm`, join(dataDir, 'server-secret')];
    expect(mode(dataDir)).toBe(0o700);
    expect(Object.fromEntries(created.map((file) => [file, mode(file)]))).toEqual(
      Object.fromEntries(created.map((file) => [file, 0o600])),
    );
    await stop();

    // What an operator's copy or restore may leave behind.
    mkdirSync(join(dataDir, 'outbox'));
    writeFileSync(join(dataDir, 'outbox', 'waiting.eml'), 'Subject: x\r\n\r\n');
    const loose = [db, join(dataDir, 'server-secret'), join(dataDir, 'outbox', 'waiting.eml')];
    for (const file of loose) {
      chmodSync(file, 0o644);
    }
    chmodSync(join(dataDir, 'outbox'), 0o755);
    chmodSync(dataDir, 0o755);

    stop = await start(dataDir);
    const files = [...loose, `${db}-wal`, `${db}-shm`];
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'outbox'))).toBe(0o700);
    expect(Object.fromEntries(files.map((file) => [file, mode(file)]))).toEqual(
      Object.fromEntries(files.map((file) => [file, 0o600])),
    );
    await stop();
  });

  test('refuses a lost or another server secret in one line and changes nothing', async () => {
    test.setTimeout(90_000);
    const secretFile = join(dataDir, 'server-secret');
    const stop = await start(dataDir);
    await stop();
    const kept = join(dataDir, '..', 'server-secret.backup');
    renameSync(secretFile, kept);
    const before = snapshot(dataDir);

    const lost = await runToExit(dataDir);

    expect(lost.code).toBe(1);
    expect(lost.stdout).toBe('');
    expect(lost.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: SERVER_SECRET is not set and \S+server-secret is missing, but the database \S+ was set up with a server secret/,
      ),
    ]);
    expect(existsSync(secretFile)).toBe(false);
    expect(snapshot(dataDir)).toEqual(before);

    const other = await runToExit(dataDir, {
      SERVER_SECRET: Buffer.alloc(32, 5).toString('base64url'),
    });

    expect(other.code).toBe(1);
    expect(other.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: SERVER_SECRET is not the secret that the database/,
      ),
    ]);
    expect(snapshot(dataDir)).toEqual(before);

    // With the file back from the backup, the portal starts as before.
    renameSync(kept, secretFile);
    await (
      await start(dataDir)
    )();
  });

  for (const [damage, make, message] of [
    [
      'a file that is not a database',
      (file: string) => writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a)),
      /^Database error: The database \S+confidant\.sqlite is damaged or not a SQLite database \(SQLITE_NOTADB/,
    ],
    [
      'a database that cannot be opened',
      (file: string) => mkdirSync(file),
      /^Database error: The database \S+confidant\.sqlite cannot be read \(SQLITE_/,
    ],
  ] as const) {
    test(`stops within seconds on ${damage}, in one line`, async () => {
      test.setTimeout(45_000);
      mkdirSync(dataDir);
      make(join(dataDir, 'confidant.sqlite'));

      // The same start stopped by a bad PORT, at the same time, shows what loading alone costs.
      const [exit, loading] = await Promise.all([
        runToExit(dataDir),
        runToExit(dataDir, { PORT: 'none' }),
      ]);

      expect(loading.stderr).toMatch(/^Configuration error: PORT /);
      expect(exit.code).toBe(1);
      expect(exit.ms).toBeLessThan(loading.ms + REFUSAL_MS);
      expect(exit.stdout).toBe('');
      expect(exit.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
      expect(existsSync(join(dataDir, 'server-secret'))).toBe(false);
    });
  }
});
