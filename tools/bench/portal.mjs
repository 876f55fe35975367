// What the benchmarks share: a free port, the built portal started on a temp DATA_DIR, and the
// readings of its process from /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = process.env.BENCH_MAIN ?? join(root, 'dist/apps/api/main.js');

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of the process in bytes. */
export function rssBytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

export const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Starts the built portal (API only) on a free port with a temp DATA_DIR and waits until its
 * health answers. `stop()` ends it and removes the folder; it also runs when this process exits.
 */
export async function startPortal(env = {}) {
  if (!existsSync(MAIN)) {
    console.error(`${MAIN} is missing: run npm run build first`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: join(dir, 'data'),
      KDF_ITERATIONS: '1000',
      LOG_LEVEL: 'warn',
      WEB_DIR: 'none',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  process.once('SIGINT', () => process.exit(130));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (server.exitCode !== null || i > 150) throw new Error('the portal did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, pid: server.pid, stop };
}
