import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Debian's `postgresql` package puts the server's binaries (`/usr/lib/postgresql/<major>/bin`,
 * the newest installed); `POSTGRES_BIN` overrides it.
 */
export const POSTGRES_BIN = process.env['POSTGRES_BIN'] ?? debianBinaries();

function debianBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return join(root, majors[0] ?? '15', 'bin');
}

/** A throw-away PostgreSQL server for tests and benches; {@link stop} removes all its files. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication on loopback only. */
  url: string;
  port: number;
  /** Its data directory (the cluster's files, WAL included). */
  dataDir: string;
  /** The server's process id (the postmaster). */
  pid: number;
  stop(): Promise<void>;
}

/** The URL of another database on the same server. */
export function databaseUrl(server: { url: string }, database: string): string {
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Starts a real PostgreSQL from Debian's binaries in a new temporary folder: `initdb`, then the
 * server on a free loopback port, with fsync off (throw-away data). PostgreSQL refuses to run as
 * root, so under root (CI) both run as the `postgres` user (or `nobody`) through `setpriv`, in a
 * folder owned by that user. Resolves when the server accepts connections.
 */
export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(POSTGRES_BIN, 'postgres'))) {
    throw new Error(
      `PostgreSQL is not installed at ${POSTGRES_BIN}: install Debian's postgresql package ` +
        '(or set POSTGRES_BIN)',
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'confidant-pg-'));
  const dataDir = join(root, 'data');
  const asUser = runAs();
  if (asUser) {
    chownSync(root, asUser.uid, asUser.gid);
  }
  const command = (binary: string, args: string[]): [string, string[]] =>
    asUser
      ? [
          'setpriv',
          [
            `--reuid=${asUser.uid}`,
            `--regid=${asUser.gid}`,
            '--clear-groups',
            join(POSTGRES_BIN, binary),
            ...args,
          ],
        ]
      : [join(POSTGRES_BIN, binary), args];

  const [initdb, initArgs] = command('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe', cwd: root });

  const port = await freePort();
  const [postgres, serverArgs] = command('postgres', [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${root}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=32MB',
  ]);
  const child = spawn(postgres, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  try {
    await untilReady(child, port, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid: child.pid ?? 0,
    stop: () => stopServer(child, root),
  };
}

function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) {
    return null;
  }
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // Try the next one.
    }
  }
  throw new Error('PostgreSQL refuses to run as root, and neither postgres nor nobody exists');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits for `pg_isready` to answer yes, or fails with the server's log when it exits. */
async function untilReady(child: ChildProcess, port: number, log: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`PostgreSQL did not start:\n${log()}`);
    }
    try {
      execFileSync(
        join(POSTGRES_BIN, 'pg_isready'),
        ['-h', '127.0.0.1', '-p', String(port), '-q'],
        {
          stdio: 'ignore',
        },
      );
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 30 s:\n${log()}`);
}

async function stopServer(child: ChildProcess, root: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    // SIGINT: "fast shutdown", open sessions are ended.
    child.kill('SIGINT');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
}
