import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedTeam } from './team';

/** Where quick exit goes during the tests; the fixtures answer it locally, nothing leaves the machine. */
export const TEST_EXIT_URL = 'https://neutral-exit.test/wetter';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The portal exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`The portal did not become healthy within 30 s:\n${output()}`);
}

/** The one-time setup link the portal logged at its start. */
async function setupLink(url: string, output: () => string): Promise<string> {
  const pattern = new RegExp(`${url.replace(/[.:/]/g, '\\$&')}/einrichtung#[A-Za-z0-9_-]+`);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const link = pattern.exec(output())?.[0];
    if (link) {
      return link;
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`The portal logged no setup link:\n${output()}`);
}

/** Starts the built portal once for the whole run; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the portal first (npm run build)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'confidant-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      // `log`, not `warn`: the one-time setup link is logged at this level.
      LOG_LEVEL: 'log',
      CENTRE_NAME: 'Frauenberatung Teststadt',
      CENTRE_PHONE: '030 123 456 78',
      CENTRE_EXIT_URL: TEST_EXIT_URL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealth(url, child, () => output);
  // Clients may only register once the centre is set up: its first lead comes from the setup link.
  await seedTeam(url, await setupLink(url, () => output), []);

  process.env['PORTAL_URL'] = url;
  process.env['PORTAL_DATA_DIR'] = dataDir;

  return async () => {
    child.kill('SIGTERM');
    await new Promise((done) => {
      if (child.exitCode !== null) {
        done(undefined);
        return;
      }
      child.once('exit', done);
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
