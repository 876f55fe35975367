// Abuse benchmark (issue 13): `npm run build && npm run bench:abuse`.
//
// What one anonymous script can do to the built portal, and what the portal's health answers
// meanwhile. Every phase runs against the same server process:
//   0  quiet:   /api/health latency with nothing else going on (the baseline of this run)
//   1  logins with a new 100 KB username each (20 000 by default, 20 at a time, each from another
//      address behind one trusted proxy hop, so that no per-address limit stops them early): the
//      server's memory before and after must grow by less than 50 MB
//   2  logins with a new valid username each (5 000 by default): these pass the body checks and reach the
//      limiter's store and the database; the store is bounded, so memory stays flat here too
//   3  JSON nested 5 000 levels deep to an API route for BENCH_SECONDS (10) each: (a) six a second,
//      as in the report of issue 13, then (b) 20 at a time as fast as they go; each must answer
//      400, and /api/health's p99 is compared with the quiet baseline
// /api/health is probed one request after the other throughout. Exits 1 when memory grows by
// 50 MB or more, or when any answer is a 5xx. BENCH_LOGINS and BENCH_NAMED_LOGINS change the counts of phases 1
// and 2.
import { cpuSeconds, percentile, rssBytes, startPortal } from './portal.mjs';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 20_000);
// Each of these costs an argon2id verification (an unknown name is verified against a dummy hash).
const NAMED_LOGINS = Number(process.env.BENCH_NAMED_LOGINS ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 20;
const MEMORY_LIMIT = 50 * 1024 * 1024;
const HUGE_NAME_BYTES = 100 * 1024;
const NESTING = 5_000;

let address = 0;
/** A distinct client address per request, as a proxy in front would report it. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

/** Probes /api/health one request after the other until `stop()`; returns the latencies. */
function probeHealth(base) {
  const latencies = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${base}/api/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  })();
  return async () => {
    running = false;
    await done;
    return latencies.sort((a, b) => a - b);
  };
}

/** Sends `count` requests made by `body(i)`, CONCURRENCY at a time (or until `deadline`). */
async function flood(url, count, body, deadline = Infinity) {
  const statuses = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count && performance.now() < deadline) {
        const i = next++;
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: body(i),
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  return { sent: next, statuses: Object.fromEntries(statuses) };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const healthLine = (latencies) =>
  `p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1))} (${latencies.length} probes)`;

async function main() {
  const portal = await startPortal({ TRUST_PROXY: '1' });
  let failed = false;
  const check = (ok, message) => {
    if (!ok) {
      failed = true;
      console.log(`FAILED: ${message}`);
    }
  };
  const noServerErrors = (statuses, phase) =>
    check(
      Object.keys(statuses).every((status) => Number(status) < 500),
      `${phase} answered ${JSON.stringify(statuses)}`,
    );

  try {
    // 0: the quiet baseline.
    const quietStop = probeHealth(portal.base);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const quiet = await quietStop();
    console.log(`0 quiet: /api/health ${healthLine(quiet)}`);

    // 1: huge usernames.
    const padding = 'x'.repeat(HUGE_NAME_BYTES - 16);
    const authKey = Buffer.alloc(32).toString('base64url');
    const rssBefore = rssBytes(portal.pid);
    let cpuBefore = cpuSeconds(portal.pid);
    let stopProbe = probeHealth(portal.base);
    let started = performance.now();
    const huge = await flood(`${portal.base}/api/auth/login`, LOGINS, (i) =>
      JSON.stringify({ username: `${i.toString(36)}${padding}`, authKey }),
    );
    let seconds = (performance.now() - started) / 1000;
    let health = await stopProbe();
    const rssAfterHuge = rssBytes(portal.pid);
    console.log(
      `1 ${huge.sent} logins with new 100 KB usernames in ${seconds.toFixed(1)} s: ${JSON.stringify(huge.statuses)}; ` +
        `server CPU ${ms(((cpuSeconds(portal.pid) - cpuBefore) * 1000) / huge.sent)} per request`,
    );
    console.log(
      `  memory ${mb(rssBefore)} before, ${mb(rssAfterHuge)} after (${mb(rssAfterHuge - rssBefore)} growth)`,
    );
    console.log(`  /api/health meanwhile: ${healthLine(health)}`);
    noServerErrors(huge.statuses, 'phase 1');
    check(rssAfterHuge - rssBefore < MEMORY_LIMIT, 'memory grew by 50 MB or more in phase 1');

    // 2: new valid usernames, which reach the limiter and the database.
    cpuBefore = cpuSeconds(portal.pid);
    stopProbe = probeHealth(portal.base);
    started = performance.now();
    const names = await flood(`${portal.base}/api/auth/login`, NAMED_LOGINS, (i) =>
      JSON.stringify({ username: `besuch-${i.toString(36)}`, authKey }),
    );
    seconds = (performance.now() - started) / 1000;
    health = await stopProbe();
    const rssAfterNames = rssBytes(portal.pid);
    console.log(
      `2 ${names.sent} logins with new valid usernames in ${seconds.toFixed(1)} s: ${JSON.stringify(names.statuses)}; ` +
        `server CPU ${ms(((cpuSeconds(portal.pid) - cpuBefore) * 1000) / names.sent)} per request`,
    );
    console.log(
      `  memory ${mb(rssAfterHuge)} before, ${mb(rssAfterNames)} after (${mb(rssAfterNames - rssAfterHuge)} growth; ${mb(rssAfterNames - rssBefore)} since phase 1)`,
    );
    console.log(`  /api/health meanwhile: ${healthLine(health)}`);
    noServerErrors(names.statuses, 'phase 2');
    check(
      rssAfterNames - rssBefore < MEMORY_LIMIT,
      'memory grew by 50 MB or more in phases 1 and 2',
    );

    // 3a: deeply nested JSON at the pace of the report in issue 13 (six a second).
    const nested = `{"id":${'['.repeat(NESTING)}${']'.repeat(NESTING)}}`;
    stopProbe = probeHealth(portal.base);
    started = performance.now();
    const pacedStatuses = new Map();
    const pending = [];
    for (let i = 0; performance.now() < started + SECONDS * 1000; i++) {
      pending.push(
        fetch(`${portal.base}/api/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: nested,
        }).then(async (response) => {
          await response.arrayBuffer();
          pacedStatuses.set(response.status, (pacedStatuses.get(response.status) ?? 0) + 1);
        }),
      );
      const due = started + ((i + 1) * 1000) / 6;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
    await Promise.all(pending);
    health = await stopProbe();
    const paced = Object.fromEntries(pacedStatuses);
    console.log(
      `3a ${pending.length} bodies nested ${NESTING} deep, six a second: ${JSON.stringify(paced)}`,
    );
    console.log(
      `  /api/health meanwhile: ${healthLine(health)}; p99 ${(percentile(health, 0.99) / percentile(quiet, 0.99)).toFixed(1)}× the quiet baseline`,
    );
    noServerErrors(paced, 'phase 3a');

    // 3b: the same bodies as fast as 20 clients can send them.
    cpuBefore = cpuSeconds(portal.pid);
    stopProbe = probeHealth(portal.base);
    started = performance.now();
    const deep = await flood(
      `${portal.base}/api/conversations`,
      Infinity,
      () => nested,
      started + SECONDS * 1000,
    );
    seconds = (performance.now() - started) / 1000;
    health = await stopProbe();
    console.log(
      `3b ${deep.sent} bodies nested ${NESTING} deep in ${seconds.toFixed(1)} s (${(deep.sent / seconds).toFixed(0)}/s): ${JSON.stringify(deep.statuses)}; ` +
        `server CPU ${ms(((cpuSeconds(portal.pid) - cpuBefore) * 1000) / deep.sent)} per request`,
    );
    console.log(
      `  /api/health meanwhile: ${healthLine(health)}; p99 ${(percentile(health, 0.99) / percentile(quiet, 0.99)).toFixed(1)}× the quiet baseline`,
    );
    noServerErrors(deep.statuses, 'phase 3');
    check(
      Object.keys(deep.statuses).every((status) => status === '400'),
      `phase 3 answered ${JSON.stringify(deep.statuses)}, not only 400`,
    );
  } finally {
    portal.stop();
  }
  if (failed) {
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
