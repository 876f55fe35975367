// Messaging API benchmark (issue 5, Performance): `npm run build && npm run bench:api`.
//
// Seeds 1 000 conversations of 50 end-to-end encrypted messages each (real envelopes made with
// libs/shared/crypto), then loads the built portal with autocannon as one logged-in client:
//   A  GET  /api/conversations/:id/messages?limit=50   her latest 50 messages
//   C  a bare node:http server (own process) answering the exact bytes of A: this machine's ceiling
//   B  POST /api/conversations/:id/messages            a fresh message id per request
//   D  the portal is stopped (SIGTERM) while sends like B are in flight
// Targets: A reaches ≥ 35 % of C's throughput; A and B answer with p99 < 50 ms. Every run has a
// warm-up of its own. Correctness is checked as strictly as speed: every answer of A and C must be
// byte for byte the page her browser decrypted; every send of B and D answered 201 must echo its
// id and be in the database, with its envelope, once the portal has stopped; the portal must stop
// within 15 s and log no error. Exits 1 when anything is missed. Next to req/s the report shows
// the server's CPU time per request, which other jobs on the machine disturb less than req/s.
// BENCH_SECONDS shortens the runs (default 20); BENCH_MAIN benchmarks another build of the
// portal; BENCH_NODE_ARGS passes options to its Node.js, e.g. '--cpu-prof --cpu-prof-dir=/tmp/p'.
//
// Seeding: the server starts once on a temp DATA_DIR so that its migrations create the schema and
// stops; the 999 background clients, one counsellor and their conversations then go straight into
// SQLite in one transaction (dummy password hashes: they never log in). The benchmark client
// registers through the real API (KDF_ITERATIONS=1000 keeps her key derivation cheap) and writes
// her enquiry and 49 more messages over HTTP, as her browser would.
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = process.env.BENCH_MAIN ?? join(root, 'dist/apps/api/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const CONVERSATIONS = 1000; // hers included
const MESSAGES = 50; // per conversation
const TEXT = 'Ich weiß nicht, wie ich anfangen soll. '.repeat(10); // ~400 characters a message
const KDF_ITERATIONS = 1000; // production: 600 000; the server's work does not depend on it
const TARGETS = { shareOfBare: 0.35, p99Ms: 50 };
const WARMUP_SECONDS = 3; // before every measured run: JIT, caches, connections
const STOP_LIMIT_MS = 15_000; // a graceful stop may wait for work in flight, not forever
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: run npm run build first`);
  process.exit(1);
}

// Whatever this script starts ends with it, on every exit path.
const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-api-'));
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const exited = (child) => child.exitCode !== null || child.signalCode !== null;
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const load = () => `load average ${loadavg().map((x) => x.toFixed(2))}, ${cpus().length} cores`;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Bundles the protocol library (TypeScript) with esbuild and imports it. */
async function loadCrypto() {
  const outfile = join(dir, 'crypto.mjs');
  const entry = join(root, 'libs/shared/crypto/src/index.ts');
  const options = { bundle: true, format: 'esm', platform: 'neutral', logLevel: 'silent' };
  await build({ entryPoints: [entry], outfile, ...options });
  return import(pathToFileURL(outfile).href);
}

/** The server's error and warning lines (NO_COLOR), counted by message, for the report. */
const serverErrors = new Map();
let serverErrorCount = 0;
function collectErrors(line) {
  const match = /^\[Nest\].*?\b(ERROR|WARN)\s+(.*)$/.exec(line);
  const text = match && `${match[1]} ${match[2].replace(/\d+/g, 'N')}`; // numbers vary
  if (text) serverErrors.set(text, (serverErrors.get(text) ?? 0) + 1);
  if (match?.[1] === 'ERROR') serverErrorCount++;
}

/** Starts the built portal on the temp DATA_DIR and waits until it answers. */
async function startServer(port) {
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATA_DIR: join(dir, 'data'),
    KDF_ITERATIONS: String(KDF_ITERATIONS),
    LOG_LEVEL: 'warn',
    WEB_DIR: 'none',
    NO_COLOR: '1',
  };
  const args = [...NODE_ARGS, MAIN];
  const child = track(spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  for (const input of [child.stdout, child.stderr]) {
    createInterface({ input }).on('line', collectErrors);
  }
  const healthy = () =>
    fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
  for (let i = 0; !(await healthy()); i++) {
    if (i > 150 || exited(child)) throw new Error('the portal did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child;
}

/** Sends SIGTERM and waits for the exit; returns how long the process took, or null if > limit. */
async function stop(child, limitMs = STOP_LIMIT_MS) {
  if (exited(child)) return 0;
  const began = performance.now();
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, limitMs, 'late')));
  const result = await Promise.race([exit, late]);
  clearTimeout(timer);
  if (result === 'late') {
    child.kill('SIGKILL');
    await exit;
    return null;
  }
  return performance.now() - began;
}

/** Promise wrappers around the callback API of sqlite3 (Database and Statement alike). */
const sql = {
  open: (file) =>
    new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
    }),
  exec: (db, text) => new Promise((ok, fail) => db.exec(text, (e) => (e ? fail(e) : ok()))),
  run: (target, ...params) =>
    new Promise((ok, fail) =>
      target.run(...params, function (error) {
        if (error) fail(error);
        else ok(this.changes);
      }),
    ),
};

/** 999 background clients, one counsellor holding the team key, and their conversations. */
async function seed(C, file) {
  const b64 = (bytes) => C.toBase64Url(bytes);
  const dummyEnvelope = () =>
    JSON.stringify({ v: 1, iv: b64(randomBytes(12)), ct: b64(randomBytes(154)) });
  const account = async (username, role) => {
    const { publicKey } = await C.generateIdentityKeyPair();
    return { id: randomUUID(), username, role, publicKey: await C.exportPublicKey(publicKey) };
  };
  const counsellor = await account('bench-counsellor', 'counsellor');
  const team = await C.createTeamKey(counsellor.publicKey); // the centre's key, granted to her
  const start = Date.now() - 30 * 24 * 3600_000;
  // The centre counts as set up once it has a lead, and only then may she register.
  const lead = await account('bench-lead', 'lead');
  const accounts = [counsellor, lead];
  const conversations = [];
  for (let i = 1; i < CONVERSATIONS; i++) {
    const client = await account(`bench-client-${i}`, 'client');
    const id = randomUUID();
    const createdAt = start + i * 60_000;
    const recipients = { client: client.publicKey, team: team.publicKey };
    const { key, sealed } = await C.createConversationKey(recipients);
    // Client and counsellor take turns, ten minutes apart; the AAD binds each envelope to the
    // conversation, the message id and the author.
    const messages = await Promise.all(
      Array.from({ length: MESSAGES }, async (_, m) => {
        const sender = m % 2 === 0 ? client : counsellor;
        const messageId = randomUUID();
        const context = { conversationId: id, messageId, senderId: sender.id };
        const envelope = JSON.stringify(
          await C.encryptMessage(key, context, { text: `${m}: ${TEXT}` }),
        );
        return {
          id: messageId,
          conversation_id: id,
          sender_id: sender.id,
          sender_role: sender.role,
          kind: 'message',
          envelope,
          notice: null,
          created_at: createdAt + m * 600_000,
        };
      }),
    );
    accounts.push(client);
    conversations.push({ id, client, createdAt, sealed, messages });
  }

  const db = await sql.open(file);
  db.serialize(); // statements run in the order issued: accounts before their conversations
  await sql.exec(db, 'PRAGMA foreign_keys = ON; BEGIN');
  const statements = new Map(); // one prepared statement a table; rows list the columns by name
  const insert = (table, row) => {
    if (!statements.has(table)) {
      const columns = Object.keys(row);
      const values = columns.map(() => '?').join(', ');
      statements.set(table, db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${values})`));
    }
    return sql.run(statements.get(table), ...Object.values(row));
  };
  const pending = accounts.map((a) =>
    insert('account', {
      id: a.id,
      username: a.username,
      username_key: a.username,
      role: a.role,
      display_name: a.role === 'client' ? null : 'Bench',
      active: 1,
      auth_hash: 'dummy: never logs in',
      kdf_salt: b64(randomBytes(16)),
      kdf_iterations: KDF_ITERATIONS,
      public_key: b64(a.publicKey),
      wrapped_private_key: dummyEnvelope(),
      recovery_wrapped_private_key: dummyEnvelope(),
      recovery_verifier_hash: 'dummy: never recovers',
      email_ciphertext: null,
      team_key_grant: a.role === 'counsellor' ? JSON.stringify(team.grant) : null,
      key_changed_at: null,
      last_activity_at: start,
      created_at: start,
    }),
  );
  for (const c of conversations) {
    const statId = randomUUID(); // the anonymous statistics row; by design nothing references it
    const month = new Date(c.createdAt).toISOString().slice(0, 7);
    pending.push(
      insert('enquiry_stat', { id: statId, month, first_answer_minutes: 10, response_days: 3 }),
      insert('conversation', {
        id: c.id,
        client_id: c.client.id,
        counsellor_id: counsellor.id,
        topic: 'Sonstiges',
        client_key: JSON.stringify(c.sealed.client),
        client_key_at: c.createdAt,
        team_key: JSON.stringify(c.sealed.team),
        created_at: c.createdAt,
        last_message_at: c.messages.at(-1).created_at,
        client_waiting_since: null, // the counsellor answered last
        closed_at: null,
        last_notice_mail_at: null,
        stat_id: statId,
      }),
      ...c.messages.map((m) => insert('message', m)),
    );
  }
  pending.push(sql.run(db, 'UPDATE centre SET team_public_key = ?', b64(team.publicKey)));
  if ((await Promise.all(pending)).at(-1) !== 1) throw new Error('the centre row is missing');
  for (const statement of statements.values()) statement.finalize();
  await sql.exec(db, 'COMMIT');
  await new Promise((ok, fail) => db.close((e) => (e ? fail(e) : ok())));
}

/** The benchmark client: registers, opens her enquiry and writes 49 more messages over HTTP. */
async function createClient(C, base) {
  let cookie = '';
  const call = async (method, path, body) => {
    const headers = { 'content-type': 'application/json', origin: base, cookie };
    const response = await fetch(base + path, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    return response;
  };
  const { kdfSalt } = C.newKdfParams(KDF_ITERATIONS);
  const options = { minIterations: KDF_ITERATIONS };
  const keys = await C.deriveAccountKeys('bench password', kdfSalt, KDF_ITERATIONS, options);
  const recovery = await C.deriveRecoveryKeys(C.generateRecoveryCode().bytes);
  const identity = await C.createIdentity(keys.wrapKey, recovery.recoveryKey);
  const registered = await call('POST', '/api/auth/register', {
    username: 'bench-client',
    authKey: C.toBase64Url(keys.authKey),
    kdfSalt: C.toBase64Url(kdfSalt),
    kdfIterations: KDF_ITERATIONS,
    publicKey: C.toBase64Url(identity.publicKey),
    wrappedPrivateKey: identity.wrappedPrivateKey,
    recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
    recoveryVerifier: C.toBase64Url(recovery.recoveryVerifier),
  });
  const me = (await registered.json()).account.id;
  cookie = registered.headers.getSetCookie().find((c) => c.startsWith('confidant-session='));
  cookie = cookie.split(';')[0];

  const { teamPublicKey } = await (await call('GET', '/api/centre')).json();
  const team = C.fromBase64Url(teamPublicKey);
  const { key, sealed } = await C.createConversationKey({ client: identity.publicKey, team });
  const id = randomUUID();
  const message = async (n) => {
    const context = { conversationId: id, messageId: randomUUID(), senderId: me };
    const envelope = await C.encryptMessage(key, context, { text: `${n}: ${TEXT}` });
    return { id: context.messageId, envelope };
  };
  await call('POST', '/api/conversations', { id, keys: sealed, message: await message(0) });
  for (let n = 1; n < MESSAGES; n++) {
    await call('POST', `/api/conversations/${id}/messages`, await message(n));
  }

  // Read it back as her browser would: open the sealed key, decrypt all 50 messages, in order;
  // then page through them with the cursor, which must give the same messages.
  const detail = await (await call('GET', `/api/conversations/${id}`)).json();
  const opened = await C.openConversationKey(detail.key, identity.privateKey);
  const page = await (await call('GET', `/api/conversations/${id}/messages?limit=50`)).json();
  if (page.length !== MESSAGES) throw new Error(`her conversation has ${page.length} messages`);
  for (const [n, { id: messageId, senderId, envelope }] of page.entries()) {
    const context = { conversationId: id, messageId, senderId };
    const { text } = await C.decryptMessage(opened, context, envelope);
    if (text !== `${n}: ${TEXT}`) throw new Error(`message ${n} is out of order`);
  }
  const pageIds = page.map((m) => m.id);
  const paged = [];
  for (let before = ''; paged.length < MESSAGES; ) {
    const query = `limit=20${before && `&before=${before}`}`;
    const older = await (await call('GET', `/api/conversations/${id}/messages?${query}`)).json();
    if (older.length === 0) break;
    paged.unshift(...older.map((m) => m.id));
    before = older[0].id;
  }
  if (paged.join() !== pageIds.join()) throw new Error('the cursor pages differ from the page');
  return { id, cookie, pageIds, spare: await message(MESSAGES) };
}

// The bare server runs in a process of its own, as the portal does, so that it does not share an
// event loop with autocannon. It replays the captured headers (minus those Node sets) and body.
const BARE_SERVER = `
  process.once('message', ({ headers, body }) => {
    const bytes = Buffer.from(body, 'base64');
    const server = require('node:http').createServer((_, res) => res.writeHead(200, headers).end(bytes));
    server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  });`;

/** One answer of A exactly as sent (autocannon asks for no compression, nor does this). */
async function fetchReference(url, requestHeaders, pageIds) {
  const [response] = await once(get(url, { headers: requestHeaders }), 'response');
  const chunks = [];
  for await (const chunk of response) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  if (response.statusCode !== 200) throw new Error(`A answered ${response.statusCode}`);
  if (!/^application\/json\b/.test(response.headers['content-type'] ?? '')) {
    throw new Error(`A answered ${response.headers['content-type']}, not JSON`);
  }
  const ids = JSON.parse(body.toString('utf8')).map((m) => m.id);
  if (ids.join() !== pageIds.join()) throw new Error('A does not answer the page she decrypted');
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const headers = response.rawHeaders.filter(
    (_, i, raw) => !skip.has(raw[i - (i % 2)].toLowerCase()),
  );
  return { headers, body };
}

async function startBareServer(reference, url) {
  const stdio = ['ignore', 'inherit', 'inherit', 'ipc'];
  const child = track(spawn(process.execPath, ['-e', BARE_SERVER], { stdio }));
  child.send({ headers: reference.headers, body: reference.body.toString('base64') });
  const [port] = await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}${new URL(url).pathname}${new URL(url).search}` };
}

/** One autocannon run with the common settings and a warm-up, reduced to what the report needs. */
async function measure(label, server, options) {
  process.stdout.write(`${label}… `);
  const warmup = { connections: CONNECTIONS, duration: Math.min(WARMUP_SECONDS, SECONDS) };
  let cpuAtStart = null;
  const run = autocannon({ connections: CONNECTIONS, duration: SECONDS, warmup, ...options });
  run.once('start', () => (cpuAtStart = cpuMs(server))); // the measured run, after the warm-up
  const r = await run;
  const cpu = cpuAtStart === null ? null : (cpuMs(server) - cpuAtStart) / r.requests.total;
  const failed = r.non2xx + r.errors + r.timeouts + r.mismatches;
  console.log(`${r.requests.total} requests${failed ? `, ${failed} failed` : ''}`);
  const { average: rps } = r.requests;
  const { p50, p99 } = r.latency;
  const codes = { ...r.statusCodeStats, mismatches: r.mismatches, errors: r.errors };
  return { label, rps, p50, p99, cpu, ok: r['2xx'], failed, codes };
}

/**
 * CPU time a server process has used so far, in ms (Linux; null elsewhere). Per request, it shows
 * what a run cost the server even when other jobs on the machine slowed everything down.
 */
function cpuMs(child) {
  const stat = `/proc/${child.pid}/stat`;
  if (!existsSync(stat)) return null;
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux this runs on

/**
 * Sends with a fresh UUID each and records every id answered 201 with that id echoed back, in the
 * warm-up as well, so that each acknowledged send can be looked up in the database afterwards.
 * The envelope is one valid envelope reused, so the stored copies would not decrypt (the AAD binds
 * the message id), which the server cannot notice.
 */
function sends(base, path, cookie, envelope, acknowledged, wrong) {
  return {
    method: 'POST',
    path,
    headers: { cookie, 'content-type': 'application/json', origin: base },
    setupRequest: (request, context) => {
      context.id = randomUUID();
      return { ...request, body: JSON.stringify({ id: context.id, envelope }) };
    },
    onResponse: (status, body, context) => {
      if (status < 200 || status >= 300) return; // counted by autocannon
      if (status === 201 && JSON.parse(body).id === context.id) acknowledged.add(context.id);
      else wrong.push(`${status} ${body.slice(0, 80)}`);
    },
  };
}

/** The ids and envelopes stored in her conversation. */
async function storedMessages(file, conversationId) {
  const db = await sql.open(file);
  const query = 'SELECT id, envelope FROM message WHERE conversation_id = ?';
  const rows = await new Promise((ok, fail) =>
    db.all(query, conversationId, (error, all) => (error ? fail(error) : ok(all))),
  );
  await new Promise((ok, fail) => db.close((e) => (e ? fail(e) : ok())));
  return new Map(rows.map((row) => [row.id, row.envelope]));
}

async function main() {
  const began = performance.now();
  console.log(`Confidant API benchmark: ${CONNECTIONS} connections, ${SECONDS} s a run; ${load()}`);
  const C = await loadCrypto();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const file = join(dir, 'data', 'confidant.sqlite');

  // 1. The schema from the migrations, then the background data straight into SQLite.
  await stop(await startServer(port));
  let t = performance.now();
  await seed(C, file);
  console.log(`Seeded ${CONVERSATIONS - 1} conversations × ${MESSAGES} messages in ${seconds(t)}`);

  // 2. Her registration, enquiry and 49 further messages through the API.
  const server = await startServer(port);
  t = performance.now();
  const her = await createClient(C, base);
  console.log(`Her registration and ${MESSAGES} messages over HTTP: ${seconds(t)} (all decrypt)`);

  // 3. The runs; A and C back to back, so that they see the same machine load, and both must
  // answer the same bytes every time.
  const path = `/api/conversations/${her.id}/messages`;
  const headers = { cookie: her.cookie };
  const latest = `${base}${path}?limit=50`;
  const reference = await fetchReference(latest, headers, her.pageIds);
  const expectBody = reference.body.toString('utf8');
  const a = await measure('A  GET  latest 50 messages', server, {
    url: latest,
    headers,
    expectBody,
  });
  const bare = await startBareServer(reference, latest);
  const c = await measure('C  bare node:http, same bytes', bare.child, {
    url: bare.url,
    headers,
    expectBody,
  });
  await stop(bare.child);

  const { envelope } = her.spare;
  const acknowledged = new Set();
  const wrong = [];
  const send = sends(base, path, her.cookie, envelope, acknowledged, wrong);
  const b = await measure('B  POST one message', server, { url: base, requests: [send] });

  // 4. Stopping under load: sends keep coming when SIGTERM arrives. The portal must finish what
  // it acknowledges (or not acknowledge it), log no error, and exit in time.
  process.stdout.write('D  SIGTERM while sending… ');
  const more = sends(base, path, her.cookie, envelope, acknowledged, wrong);
  const during = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: 30,
    requests: [more],
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const stopMs = await stop(server);
  during.stop();
  const d = await during;
  const exit = stopMs === null ? 'no exit' : `exit after ${stopMs.toFixed(0)} ms`;
  console.log(`${d['2xx']} sends answered, then ${exit}`);

  const stored = await storedMessages(file, her.id);
  const lost = [...acknowledged].filter((id) => stored.get(id) !== JSON.stringify(envelope));
  const extra = stored.size - MESSAGES - acknowledged.size;

  // 5. The report.
  const share = a.rps / c.rps;
  const cell = (x, width = 10) => String(x).padStart(width);
  const head = [cell('req/s'), cell('p50'), cell('p99'), cell('CPU/req', 12)].join('');
  console.log(`\n${'run'.padEnd(32)}${head}`);
  for (const r of [a, b, c]) {
    const cpu = r.cpu === null ? '–' : `${(r.cpu * 1000).toFixed(0)} µs`;
    const row = [r.rps.toFixed(0), `${r.p50} ms`, `${r.p99} ms`].map((x) => cell(x)).join('');
    console.log(`${r.label.padEnd(32)}${row}${cell(cpu, 12)}`);
  }
  console.log(`A reaches ${(share * 100).toFixed(1)} % of the bare server's throughput.`);
  console.log('CPU/req: CPU time of the server process (all threads) per request, after warm-up.');
  console.log('B sends one pre-encrypted envelope again and again, each time under a fresh UUID.');
  console.log(
    `B and D: ${acknowledged.size} sends acknowledged (warm-ups included), ` +
      `${acknowledged.size - lost.length} of them stored; ${extra} more stored ` +
      '(in flight when a run ended: stored, but the answer went unread).',
  );
  console.log(`Now: ${load()}. Whole benchmark: ${seconds(began)}.`);
  const misses = [
    share < TARGETS.shareOfBare && `A: ${(share * 100).toFixed(1)} % of bare (target ≥ 35 %)`,
    ...[a, b].map((r) => r.p99 >= TARGETS.p99Ms && `${r.label}: p99 ${r.p99} ms (target < 50 ms)`),
    ...[a, b, c].map(
      (r) => r.failed > 0 && `${r.label}: ${r.failed} failed, ${JSON.stringify(r.codes)}`,
    ),
    wrong.length > 0 && `B/D: ${wrong.length} sends answered wrongly, e.g. ${wrong[0]}`,
    lost.length > 0 && `B/D: ${lost.length} acknowledged sends are not stored as sent`,
    extra < 0 && `B/D: ${-extra} fewer messages stored than acknowledged`,
    stopMs === null && `D: the portal did not exit within ${STOP_LIMIT_MS / 1000} s of SIGTERM`,
    serverErrorCount > 0 && `the portal logged ${serverErrorCount} errors (see below)`,
  ].filter(Boolean);
  for (const miss of misses) console.log(`MISSED  ${miss}`);
  if (misses.length === 0) console.log('ok      all targets met');
  const errors = [...serverErrors].sort((x, y) => y[1] - x[1]).slice(0, 5);
  if (errors.length > 0) console.log('\nServer errors and warnings, most frequent first:');
  for (const [text, count] of errors) console.log(`${cell(count, 6)} × ${text.slice(0, 160)}`);
  process.exitCode = misses.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
