// Login benchmark: `npm run build && npm run bench:auth`.
//
// Starts the built portal, registers accounts with the real protocol library, then logs in from 20
// concurrent clients for a fixed time. Prints throughput, latency (p50/p95/p99) and the server's
// CPU time per login (from /proc). The client side derives each authKey once beforehand, so the
// figures are the server's cost: the argon2id verification, the session and the database.
// Rate limits stay on: the clients come from distinct addresses behind one trusted proxy hop, and
// each account logs in fewer times than its per-name limit allows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, loadCrypto, percentile, startPortal } from './portal.mjs';

const CONCURRENCY = 20;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const ACCOUNTS = 200;
const LOGINS_PER_ACCOUNT = 9; // well below the per-name limit, which counts only failures anyway
const KDF_ITERATIONS = 1000; // client-side cost only; the server's work per login does not depend on it

let address = 0;
/** A distinct client address per request, as a proxy in front would report it. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

async function post(url, body) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-auth-'));
  const portal = await startPortal({ TRUST_PROXY: '1', KDF_ITERATIONS: String(KDF_ITERATIONS) });
  const base = portal.base;
  const server = { pid: portal.pid };
  const stop = () => {
    portal.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const C = await loadCrypto(dir);
    process.stdout.write(`Registering ${ACCOUNTS} accounts… `);
    const logins = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const username = `bench-${i}`;
      const password = `benchmark password ${i}`;
      const { kdfSalt } = C.newKdfParams(KDF_ITERATIONS);
      const keys = await C.deriveAccountKeys(password, kdfSalt, KDF_ITERATIONS, {
        minIterations: KDF_ITERATIONS,
      });
      const recovery = C.generateRecoveryCode();
      const { recoveryKey, recoveryVerifier } = await C.deriveRecoveryKeys(recovery.bytes);
      const identity = await C.createIdentity(keys.wrapKey, recoveryKey);
      const authKey = C.toBase64Url(keys.authKey);
      const result = await post(`${base}/api/auth/register`, {
        username,
        authKey,
        kdfSalt: C.toBase64Url(kdfSalt),
        kdfIterations: KDF_ITERATIONS,
        publicKey: C.toBase64Url(identity.publicKey),
        wrappedPrivateKey: identity.wrappedPrivateKey,
        recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
        recoveryVerifier: C.toBase64Url(recoveryVerifier),
      });
      if (result.status !== 201) throw new Error(`registration answered ${result.status}`);
      for (let n = 0; n < LOGINS_PER_ACCOUNT; n++) logins.push({ username, authKey });
    }
    console.log('done');

    const latencies = [];
    const failures = new Map();
    let next = 0;
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline && next < logins.length) {
          const login = logins[next++];
          const result = await post(`${base}/api/auth/login`, login);
          if (result.status === 200) latencies.push(result.ms);
          else failures.set(result.status, (failures.get(result.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    latencies.sort((a, b) => a - b);
    const ok = latencies.length;
    console.log(
      `Logins: ${ok} in ${elapsed.toFixed(1)} s with ${CONCURRENCY} concurrent clients = ${(ok / elapsed).toFixed(1)} logins/s`,
    );
    console.log(
      `Latency: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
    );
    console.log(
      `Server CPU: ${cpu.toFixed(2)} s for ${ok} logins = ${((cpu * 1000) / Math.max(ok, 1)).toFixed(1)} ms per login`,
    );
    if (failures.size > 0) {
      console.log(`Failed logins by status: ${JSON.stringify(Object.fromEntries(failures))}`);
      process.exitCode = 1;
    }
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
