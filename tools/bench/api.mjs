// Messaging API benchmark (issue 5, Performance): `npm run build && npm run bench:api`.
//
// Seeds 1 000 conversations of 50 end-to-end encrypted messages each (real envelopes made with
// libs/shared/crypto), then loads the built portal with autocannon as one logged-in client:
//   A  GET  /api/conversations/:id/messages?limit=50   her latest 50 messages
//   B  POST /api/conversations/:id/messages            a fresh message id per request
//   C  a bare node:http server (own process) answering the exact bytes of A: this machine's ceiling
// Targets: A reaches ≥ 35 % of C's throughput; A and B answer with p99 < 50 ms; every response is
// 2xx, and every message B got a 2xx for is in the database once the server has stopped. Exits 1
// when a target is missed. BENCH_SECONDS shortens the runs (default 20).
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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(root, 'dist/apps/api/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const CONVERSATIONS = 1000; // hers included
const MESSAGES = 50; // per conversation
const TEXT = 'Ich weiß nicht, wie ich anfangen soll. '.repeat(10); // ~400 characters a message
const KDF_ITERATIONS = 1000; // production: 600 000; the server's work does not depend on it
const TARGETS = { shareOfBare: 0.35, p99Ms: 50 };

if (!existsSync(MAIN)) {
  console.error('dist/apps/api/main.js is missing: run npm run build first');
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
function collectErrors(line) {
  const match = /^\[Nest\].*?\b(?:ERROR|WARN)\s+(.*)$/.exec(line);
  const text = match?.[1].replace(/\d+/g, 'N'); // savepoint numbers and the like vary
  if (text) serverErrors.set(text, (serverErrors.get(text) ?? 0) + 1);
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
  const child = track(spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
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

async function stop(child) {
  if (exited(child)) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
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
  const accounts = [counsellor];
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
      display_name: a.role === 'counsellor' ? 'Bench' : null,
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

  // Read it back as her browser would: open the sealed key, decrypt all 50 messages.
  const detail = await (await call('GET', `/api/conversations/${id}`)).json();
  const opened = await C.openConversationKey(detail.key, identity.privateKey);
  const page = await (await call('GET', `/api/conversations/${id}/messages?limit=50`)).json();
  if (page.length !== MESSAGES) throw new Error(`her conversation has ${page.length} messages`);
  for (const { id: messageId, senderId, envelope } of page) {
    await C.decryptMessage(opened, { conversationId: id, messageId, senderId }, envelope);
  }
  return { id, cookie, spare: await message(MESSAGES) };
}

// The bare server runs in a process of its own, as the portal does, so that it does not share an
// event loop with autocannon. It replays the captured headers (minus those Node sets) and body.
const BARE_SERVER = `
  process.once('message', ({ headers, body }) => {
    const bytes = Buffer.from(body, 'base64');
    const server = require('node:http').createServer((_, res) => res.writeHead(200, headers).end(bytes));
    server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  });`;

async function startBareServer(url, requestHeaders) {
  // One answer of A exactly as sent (autocannon asks for no compression, nor does this).
  const [response] = await once(get(url, { headers: requestHeaders }), 'response');
  const chunks = [];
  for await (const chunk of response) chunks.push(chunk);
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const headers = response.rawHeaders.filter(
    (_, i, raw) => !skip.has(raw[i - (i % 2)].toLowerCase()),
  );
  const stdio = ['ignore', 'inherit', 'inherit', 'ipc'];
  const child = track(spawn(process.execPath, ['-e', BARE_SERVER], { stdio }));
  child.send({ headers, body: Buffer.concat(chunks).toString('base64') });
  const [port] = await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}${new URL(url).pathname}${new URL(url).search}` };
}

/** One autocannon run with the common settings, reduced to what the report needs. */
async function measure(label, options) {
  process.stdout.write(`${label}… `);
  const warmup = { connections: CONNECTIONS, duration: Math.min(2, SECONDS) };
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, warmup, ...options });
  const failed = r.non2xx + r.errors + r.timeouts;
  console.log(`${r.requests.total} requests${failed ? `, ${failed} failed` : ''}`);
  const { average: rps } = r.requests;
  const { p50, p99 } = r.latency;
  return { label, rps, p50, p99, ok: r['2xx'], failed, codes: r.statusCodeStats };
}

async function main() {
  const began = performance.now();
  console.log(`Confidant API benchmark: ${CONNECTIONS} connections, ${SECONDS} s a run; ${load()}`);
  const C = await loadCrypto();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // 1. The schema from the migrations, then the background data straight into SQLite.
  await stop(await startServer(port));
  let t = performance.now();
  await seed(C, join(dir, 'data', 'confidant.sqlite'));
  console.log(`Seeded ${CONVERSATIONS - 1} conversations × ${MESSAGES} messages in ${seconds(t)}`);

  // 2. Her registration, enquiry and 49 further messages through the API.
  const server = await startServer(port);
  t = performance.now();
  const her = await createClient(C, base);
  console.log(`Her registration and ${MESSAGES} messages over HTTP: ${seconds(t)} (all decrypt)`);

  // 3. The runs; A and C back to back, so that they see the same machine load.
  const path = `/api/conversations/${her.id}/messages`;
  const headers = { cookie: her.cookie };
  const latest = `${base}${path}?limit=50`;
  const a = await measure('A  GET  latest 50 messages', { url: latest, headers });
  const bare = await startBareServer(latest, headers);
  const c = await measure('C  bare node:http, same bytes', { url: bare.url, headers });
  await stop(bare.child);
  // A fresh UUID per request; the envelope is one valid envelope reused, so the stored copies
  // would not decrypt (the AAD binds the message id), which the server cannot notice.
  const { envelope } = her.spare;
  const send = {
    method: 'POST',
    path,
    headers: { ...headers, 'content-type': 'application/json', origin: base },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({ id: randomUUID(), envelope }),
    }),
  };
  // No warm-up here, so that every 2xx of the run can be found in the database afterwards.
  const b = await measure('B  POST one message', { url: base, requests: [send], warmup: null });
  await stop(server);
  const db = await sql.open(join(dir, 'data', 'confidant.sqlite'));
  const query = 'SELECT COUNT(*) AS n FROM message WHERE conversation_id = ?';
  const stored = await new Promise((ok, fail) =>
    db.get(query, her.id, (error, row) => (error ? fail(error) : ok(row.n - MESSAGES))),
  );
  db.close();

  // 4. The report.
  const share = a.rps / c.rps;
  const cell = (x, width = 10) => String(x).padStart(width);
  console.log(`\n${'run'.padEnd(32)}${cell('req/s')}${cell('p50')}${cell('p99')}`);
  for (const r of [a, b, c]) {
    const row = [r.rps.toFixed(0), `${r.p50} ms`, `${r.p99} ms`].map((x) => cell(x)).join('');
    console.log(`${r.label.padEnd(32)}${row}`);
  }
  console.log(`A reaches ${(share * 100).toFixed(1)} % of the bare server's throughput.`);
  console.log('B sends one pre-encrypted envelope again and again, each time under a fresh UUID.');
  console.log(`B: ${b.ok} messages answered with 2xx, ${stored} stored.`);
  console.log(`Now: ${load()}. Whole benchmark: ${seconds(began)}.`);
  const misses = [
    share < TARGETS.shareOfBare && `A: ${(share * 100).toFixed(1)} % of bare (target ≥ 35 %)`,
    ...[a, b].map((r) => r.p99 >= TARGETS.p99Ms && `${r.label}: p99 ${r.p99} ms (target < 50 ms)`),
    ...[a, b, c].map(
      (r) =>
        r.failed > 0 && `${r.label}: ${r.failed} non-2xx or failed, ${JSON.stringify(r.codes)}`,
    ),
    // More stored than acknowledged is fine: requests still in flight when the server stopped.
    stored < b.ok && `B: ${b.ok} sends acknowledged with 2xx but only ${stored} stored`,
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
