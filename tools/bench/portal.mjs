// What the benchmarks share: a free port, the built portal started on a temp DATA_DIR, its centre
// set up (clients may only register then), and the readings of its process from /proc.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = process.env.BENCH_MAIN ?? join(root, 'dist/apps/api/main.js');

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Bundles the protocol library (TypeScript) into `dir` with esbuild and imports it. */
export async function loadCrypto(dir) {
  const outfile = join(dir, 'crypto.mjs');
  await build({
    entryPoints: [join(root, 'libs/shared/crypto/src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

/** The one-time setup link a portal at `base` printed at its start (LOG_LEVEL `log`), or null. */
export function setupLinkIn(output, base) {
  const pattern = new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/einrichtung#[A-Za-z0-9_-]+`);
  return pattern.exec(output)?.[0] ?? null;
}

/**
 * Sets the centre up through the setup link, as the lead's browser does (identity, team key pair,
 * her own grant), so that clients may register. `C` is the protocol library from loadCrypto.
 */
export async function setUpCentre(C, base, setupLink, kdfIterations = 1000) {
  const { kdfSalt } = C.newKdfParams(kdfIterations);
  const keys = await C.deriveAccountKeys('bench lead password', kdfSalt, kdfIterations, {
    minIterations: kdfIterations,
  });
  const recovery = await C.deriveRecoveryKeys(C.generateRecoveryCode().bytes);
  const identity = await C.createIdentity(keys.wrapKey, recovery.recoveryKey);
  const team = await C.createTeamKey(identity.publicKey);
  const response = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      setupToken: new URL(setupLink).hash.slice(1),
      username: 'bench-lead',
      displayName: 'Bench Lead',
      authKey: C.toBase64Url(keys.authKey),
      kdfSalt: C.toBase64Url(kdfSalt),
      kdfIterations,
      publicKey: C.toBase64Url(identity.publicKey),
      wrappedPrivateKey: identity.wrappedPrivateKey,
      recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
      recoveryVerifier: C.toBase64Url(recovery.recoveryVerifier),
      teamPublicKey: C.toBase64Url(team.publicKey),
      teamKeyGrant: team.grant,
    }),
  });
  if (!response.ok) throw new Error(`POST /api/setup answered ${response.status}`);
}

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
      // `log`, not `warn`: the one-time setup link is printed at this level.
      LOG_LEVEL: 'log',
      WEB_DIR: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
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
  for (let i = 0; !setupLinkIn(output, base); i++) {
    if (i > 50) throw new Error('the portal printed no setup link');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const C = await loadCrypto(dir);
  await setUpCentre(C, base, setupLinkIn(output, base), Number(env.KDF_ITERATIONS ?? 1000));
  output = '';
  server.stdout.removeAllListeners('data');
  server.stdout.resume();
  return { base, pid: server.pid, stop };
}
