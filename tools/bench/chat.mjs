// Live chat benchmark (chat appointments issue): `npm run build && npm run bench:chat`.
//
// 200 rooms, each with a client and her counsellor on socket.io (400 sockets), each side sending
// one end-to-end encrypted message a second for 30 s, against
//   P  the built portal: handshake with the session cookie and Origin, `join` of the open
//      appointment's room, every `message` checked against the database and stored as a
//      message of kind `chat` before the other side receives it;
//   R  a bare socket.io relay (own process, same socket.io options, no checks, no storage)
//      that forwards the same messages in the same rooms: this machine's floor.
// Delivery latency is from the sender's emit to the other socket's `message` event (one clock,
// the benchmark's). Targets: P's p99 ≤ 20 ms and ≤ 1.5 × R's p99; every acknowledged message is
// stored. The report also gives each server's CPU time per message (Linux /proc), which depends
// less on what else the machine is doing. Exits 1 when a target is missed. BENCH_SECONDS
// (default 30) and BENCH_ROOMS (200) change the load; a 3 s warm-up at the same rate precedes
// each measured run. BENCH_NODE_ARGS passes options to the portal's node, for example
// "--cpu-prof --cpu-prof-dir=/tmp/prof".
//
// Seeding: the server starts once on a temp DATA_DIR so that its migrations create the schema
// and stops; the accounts (real P-256 identity keys, the team key granted to every counsellor
// with the real protocol) and one session each go straight into SQLite, because registration
// and login are rate-limited per address by design. Everything else goes through the real API,
// as the browsers would do it: each client opens an enquiry with a conversation key sealed to
// her and to the team, her counsellor takes it over and proposes a date starting in two
// minutes, she accepts; then both connect to /chat and join, the counsellor first (which opens
// the room). Every message is encrypted with the conversation key, its AAD bound to the
// conversation, the message id and the sender.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { io } from 'socket.io-client';
import sqlite3 from 'sqlite3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(root, 'dist/apps/api/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const WARMUP_SECONDS = 3;
const TEXT = 'Ich bin jetzt da und kann schreiben. '.repeat(3); // ~110 characters a message
const KDF_ITERATIONS = 1000; // production: 600 000; the chat does not depend on it
const TARGETS = { p99Ms: 20, ofBare: 1.5 };
const SETUP_CONCURRENCY = 8;
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

if (!existsSync(MAIN)) {
  console.error('dist/apps/api/main.js is missing: run npm run build first');
  process.exit(1);
}

// Whatever this script starts ends with it, on every exit path.
const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-chat-'));
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const text = match?.[1].replace(/\d+/g, 'N');
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
  const child = track(
    spawn(process.execPath, [...NODE_ARGS, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  for (const input of [child.stdout, child.stderr]) {
    createInterface({ input }).on('line', collectErrors);
  }
  const healthy = () =>
    fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
  for (let i = 0; !(await healthy()); i++) {
    if (i > 150 || exited(child)) throw new Error('the portal did not start');
    await sleep(200);
  }
  return child;
}

async function stop(child) {
  if (exited(child)) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Promise wrappers around the callback API of sqlite3. */
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
  get: (db, text, ...params) =>
    new Promise((ok, fail) => db.get(text, ...params, (e, row) => (e ? fail(e) : ok(row)))),
  close: (db) => new Promise((ok, fail) => db.close((e) => (e ? fail(e) : ok()))),
};

/**
 * The accounts of both sides, each with a real identity key pair and one session (the token
 * stays here, its SHA-256 goes into the database as the server stores it). The counsellors hold
 * the team key, granted by a lead with the real protocol.
 */
async function seedAccounts(C, file) {
  const b64 = (bytes) => C.toBase64Url(bytes);
  const dummyEnvelope = () =>
    JSON.stringify({ v: 1, iv: b64(randomBytes(12)), ct: b64(randomBytes(154)) });
  const identity = async () => {
    const pair = await C.generateIdentityKeyPair();
    return { ...pair, raw: await C.exportPublicKey(pair.publicKey) };
  };
  const lead = await identity();
  const team = await C.createTeamKey(lead.raw);
  const now = Date.now();
  const accounts = [];
  const make = async (role, i) => {
    const keys = await identity();
    const grant =
      role === 'counsellor' ? await C.grantTeamKey(team.grant, lead.privateKey, keys.raw) : null;
    const token = randomBytes(32).toString('base64url');
    const account = { id: randomUUID(), role, username: `bench-${role}-${i}`, keys, grant, token };
    accounts.push(account);
    return account;
  };
  const rooms = [];
  for (let i = 0; i < ROOMS; i++) {
    rooms.push({ client: await make('client', i), counsellor: await make('counsellor', i) });
  }

  const db = await sql.open(file);
  db.serialize();
  await sql.exec(db, 'PRAGMA foreign_keys = ON; BEGIN');
  const statements = new Map();
  const insert = (table, row) => {
    if (!statements.has(table)) {
      const columns = Object.keys(row);
      const values = columns.map(() => '?').join(', ');
      statements.set(table, db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${values})`));
    }
    return sql.run(statements.get(table), ...Object.values(row));
  };
  const pending = [];
  for (const a of accounts) {
    pending.push(
      insert('account', {
        id: a.id,
        username: a.username,
        username_key: a.username,
        role: a.role,
        display_name: a.role === 'counsellor' ? `Beraterin ${a.username.slice(17)}` : null,
        active: 1,
        auth_hash: 'dummy: never logs in',
        kdf_salt: b64(randomBytes(16)),
        kdf_iterations: KDF_ITERATIONS,
        public_key: b64(a.keys.raw),
        wrapped_private_key: dummyEnvelope(),
        recovery_wrapped_private_key: dummyEnvelope(),
        recovery_verifier_hash: 'dummy: never recovers',
        email_ciphertext: null,
        team_key_grant: a.grant ? JSON.stringify(a.grant) : null,
        key_changed_at: null,
        last_activity_at: now,
        created_at: now,
      }),
      insert('session', {
        token_hash: createHash('sha256').update(a.token, 'utf8').digest('hex'),
        account_id: a.id,
        created_at: now,
        last_seen_at: now,
      }),
    );
  }
  pending.push(sql.run(db, 'UPDATE centre SET team_public_key = ?', b64(team.publicKey)));
  if ((await Promise.all(pending)).at(-1) !== 1) throw new Error('the centre row is missing');
  for (const statement of statements.values()) statement.finalize();
  await sql.exec(db, 'COMMIT');
  await sql.close(db);
  return { rooms, teamPublicKey: team.publicKey };
}

/** One person's HTTP calls, with her session cookie and the portal's Origin. */
function caller(base, account) {
  const cookie = `confidant-session=${account.token}`;
  return async (method, path, body) => {
    const headers = { 'content-type': 'application/json', origin: base, cookie };
    const response = await fetch(base + path, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    return response.status === 204 ? null : response.json();
  };
}

/** Enquiry, take-over, a date two minutes from now, accepted: the room can be opened. */
async function prepareRoom(C, base, room, teamPublicKey) {
  const client = caller(base, room.client);
  const counsellor = caller(base, room.counsellor);
  const id = randomUUID();
  const recipients = { client: room.client.keys.raw, team: teamPublicKey };
  const { key, sealed } = await C.createConversationKey(recipients);
  const messageId = randomUUID();
  const context = { conversationId: id, messageId, senderId: room.client.id };
  const envelope = await C.encryptMessage(key, context, { text: 'Ich hätte gern einen Chat.' });
  await client('POST', '/api/conversations', {
    id,
    keys: sealed,
    message: { id: messageId, envelope },
  });
  await counsellor('POST', `/api/conversations/${id}/assign`, {});
  const startsAt = new Date(Date.now() + 2 * 60_000).toISOString();
  const [appointment] = await counsellor('POST', `/api/conversations/${id}/appointments`, {
    startsAt,
    durationMinutes: 60,
  });
  await client('POST', `/api/appointments/${appointment.id}/accept`);
  Object.assign(room, { conversationId: id, key });
}

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(work));
  }
}

/** Every message each side will send, encrypted ahead so that the run measures only delivery. */
async function encryptAll(C, rooms, count) {
  for (const room of rooms) {
    for (const side of ['client', 'counsellor']) {
      const sender = room[side];
      sender.outbox = await Promise.all(
        Array.from({ length: count }, async (_, n) => {
          const id = randomUUID();
          const context = {
            conversationId: room.conversationId,
            messageId: id,
            senderId: sender.id,
          };
          const envelope = await C.encryptMessage(room.key, context, { text: `${n}: ${TEXT}` });
          return { conversationId: room.conversationId, id, envelope };
        }),
      );
    }
  }
}

function connect(url, headers) {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

const ask = (socket, event, payload) => socket.timeout(10_000).emitWithAck(event, payload);

/**
 * The load: every socket sends one message a second (each at its own offset within the
 * second) for the warm-up and then the measured seconds. Latencies of the measured messages
 * only: emit → the other side's `message`, and emit → the sender's acknowledgement.
 */
/** CPU time (user + system) a process has used so far, in ms (Linux /proc). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

async function drive(label, pairs, serverPid) {
  process.stdout.write(`${label}: ${pairs.length * 2} sockets, ${SECONDS} s… `);
  const sent = new Map();
  const delivery = [];
  const acked = [];
  let failed = 0;
  let acknowledged = 0;
  let fired = 0;
  const pending = new Set();
  const failures = new Map();
  for (const pair of pairs) {
    for (const socket of [pair.client, pair.counsellor]) {
      socket.on('message', (message) => {
        if (pending.delete(message.id)) delivery.push(performance.now() - sent.get(message.id));
      });
    }
  }
  const senders = pairs.flatMap((pair) => [
    { socket: pair.client, outbox: pair.clientOutbox },
    { socket: pair.counsellor, outbox: pair.counsellorOutbox },
  ]);
  const total = WARMUP_SECONDS + SECONDS;
  const began = performance.now();
  const cpuBefore = { server: cpuMs(serverPid), bench: process.cpuUsage() };
  const timers = [];
  let inFlight = 0;
  for (const sender of senders) {
    const offset = Math.random() * 1000;
    for (let n = 0; n < total; n++) {
      timers.push(
        setTimeout(
          () => {
            const message = sender.outbox[n];
            const start = performance.now();
            const counted = n >= WARMUP_SECONDS;
            if (counted) {
              sent.set(message.id, start);
              pending.add(message.id);
            }
            fired++;
            inFlight++;
            ask(sender.socket, 'message', message).then(
              (ack) => {
                inFlight--;
                if (ack.ok) {
                  acknowledged++;
                  if (counted) acked.push(performance.now() - start);
                } else {
                  failed++;
                  failures.set(ack.error, (failures.get(ack.error) ?? 0) + 1);
                }
              },
              () => {
                inFlight--;
                failed++;
                failures.set('timeout', (failures.get('timeout') ?? 0) + 1);
              },
            );
          },
          offset + n * 1000,
        ),
      );
    }
  }
  await sleep(total * 1000);
  // Late timers of a busy machine still send; then whatever is in flight gets 10 s to arrive.
  while (fired < timers.length) await sleep(100);
  for (let i = 0; (inFlight > 0 || pending.size > 0) && i < 100; i++) await sleep(100);
  const expected = senders.length * SECONDS;
  console.log(
    `${delivery.length}/${expected} delivered in ${seconds(began)}` +
      (failed ? `, ${failed} failed ${JSON.stringify(Object.fromEntries(failures))}` : ''),
  );
  const wall = performance.now() - began;
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpu = {
    server: (cpuMs(serverPid) - cpuBefore.server) / wall,
    bench: (benchCpu.user + benchCpu.system) / 1000 / wall,
    perMessage: (cpuMs(serverPid) - cpuBefore.server) / Math.max(fired, 1),
  };
  return {
    label,
    cpu,
    delivery: stats(delivery),
    ack: stats(acked),
    delivered: delivery.length,
    expected,
    failed,
    acknowledged,
    sentIds: [...sent.keys()],
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.floor(q * (sorted.length - 1))] : NaN);
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

// The bare relay runs in a process of its own, as the portal does, with the gateway's socket.io
// options: it joins rooms and forwards messages with an acknowledgement, nothing else.
const BARE_RELAY = `
  const { createServer } = require('node:http');
  const { Server } = require('socket.io');
  const http = createServer();
  const server = new Server(http, { serveClient: false, maxHttpBufferSize: 128 * 1024 });
  server.of('/chat').on('connection', (socket) => {
    socket.on('join', ({ conversationId }, ack) => {
      socket.join('chat:' + conversationId);
      ack({ ok: true });
    });
    socket.on('message', (message, ack) => {
      const stored = { ...message, kind: 'chat', createdAt: new Date().toISOString() };
      socket.to('chat:' + message.conversationId).emit('message', stored);
      ack({ ok: true, message: stored });
    });
  });
  http.listen(0, '127.0.0.1', () => process.send(http.address().port));`;

async function startBareRelay() {
  const stdio = ['ignore', 'inherit', 'inherit', 'ipc'];
  const child = track(spawn(process.execPath, ['-e', BARE_RELAY], { stdio, cwd: root }));
  const [port] = await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}/chat` };
}

/** Both sides of every room connected and joined, the counsellor first (she opens the room). */
async function openRooms(url, rooms, headersFor) {
  const pairs = [];
  await inBatches(rooms, 50, async (room) => {
    const counsellor = await connect(url, headersFor(room.counsellor));
    const client = await connect(url, headersFor(room.client));
    const join = { conversationId: room.conversationId };
    for (const socket of [counsellor, client]) {
      const ack = await ask(socket, 'join', join);
      if (!ack.ok) throw new Error(`join answered ${ack.error}: ${ack.message}`);
    }
    pairs.push({
      client,
      counsellor,
      clientOutbox: room.client.outbox,
      counsellorOutbox: room.counsellor.outbox,
    });
  });
  return pairs;
}

function closeAll(pairs) {
  for (const pair of pairs) {
    pair.client.disconnect();
    pair.counsellor.disconnect();
  }
}

async function main() {
  const began = performance.now();
  console.log(`Confidant chat benchmark: ${ROOMS} rooms, ${SECONDS} s a run; ${load()}`);
  const C = await loadCrypto();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // 1. The schema from the migrations, then the accounts and sessions straight into SQLite.
  await stop(await startServer(port));
  let t = performance.now();
  const { rooms, teamPublicKey } = await seedAccounts(C, join(dir, 'data', 'confidant.sqlite'));
  console.log(`Seeded ${ROOMS * 2} accounts with keys and sessions in ${seconds(t)}`);

  // 2. Enquiries, take-overs and accepted dates through the API; the messages encrypted ahead.
  const server = await startServer(port);
  t = performance.now();
  await inBatches(rooms, SETUP_CONCURRENCY, (room) => prepareRoom(C, base, room, teamPublicKey));
  console.log(
    `${ROOMS} enquiries taken over, dates proposed and accepted over HTTP: ${seconds(t)}`,
  );
  t = performance.now();
  await encryptAll(C, rooms, WARMUP_SECONDS + SECONDS);
  const perSide = WARMUP_SECONDS + SECONDS;
  console.log(`Encrypted ${ROOMS * 2 * perSide} messages ahead: ${seconds(t)}`);

  // 3. The portal, then the bare relay with the same load.
  const portalHeaders = (account) => ({
    cookie: `confidant-session=${account.token}`,
    origin: base,
  });
  t = performance.now();
  let pairs = await openRooms(`${base}/chat`, rooms, portalHeaders);
  console.log(`Portal: ${pairs.length * 2} sockets connected and joined in ${seconds(t)}`);
  const portal = await drive('P  portal /chat', pairs, server.pid);
  closeAll(pairs);
  await sleep(500);
  await stop(server);
  const db = await sql.open(join(dir, 'data', 'confidant.sqlite'));
  const { n: stored } = await sql.get(db, "SELECT COUNT(*) AS n FROM message WHERE kind = 'chat'");
  await sql.close(db);

  const bare = await startBareRelay();
  pairs = await openRooms(bare.url, rooms, () => ({}));
  const relay = await drive('R  bare socket.io relay', pairs, bare.child.pid);
  closeAll(pairs);
  await stop(bare.child);

  // 4. The report.
  const cell = (x, width = 10) => String(x).padStart(width);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `\n${'run'.padEnd(28)}${cell('delivered')}${cell('p50')}${cell('p99')}${cell('max')}` +
      `${cell('ack p50')}${cell('ack p99')}`,
  );
  for (const r of [portal, relay]) {
    const row = [
      `${r.delivered}`,
      ms(r.delivery.p50),
      ms(r.delivery.p99),
      ms(r.delivery.max),
      ms(r.ack.p50),
      ms(r.ack.p99),
    ].map((x) => cell(x));
    console.log(`${r.label.padEnd(28)}${row.join('')}`);
  }
  const ratio = portal.delivery.p99 / relay.delivery.p99;
  console.log(`Portal p99 is ${ratio.toFixed(2)} × the bare relay's.`);
  for (const r of [portal, relay]) {
    const percent = (x) => `${(x * 100).toFixed(0)} %`;
    console.log(
      `${r.label}: server ${percent(r.cpu.server)} of a core (${r.cpu.perMessage.toFixed(2)} ms ` +
        `CPU a message), this load generator ${percent(r.cpu.bench)}.`,
    );
  }
  console.log(`Portal: ${portal.acknowledged} messages acknowledged, ${stored} stored as chat.`);
  console.log(`Now: ${load()}. Whole benchmark: ${seconds(began)}.`);
  const misses = [
    portal.delivery.p99 > TARGETS.p99Ms &&
      `P: delivery p99 ${ms(portal.delivery.p99)} (target ≤ ${TARGETS.p99Ms} ms)`,
    ratio > TARGETS.ofBare &&
      `P: p99 is ${ratio.toFixed(2)} × the bare relay's (target ≤ ${TARGETS.ofBare})`,
    ...[portal, relay].map(
      (r) =>
        (r.failed > 0 || r.delivered < r.expected) &&
        `${r.label}: ${r.delivered}/${r.expected} delivered, ${r.failed} failed`,
    ),
    stored < portal.acknowledged &&
      `P: ${portal.acknowledged} messages acknowledged but only ${stored} stored`,
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
