import { NestExpressApplication } from '@nestjs/platform-express';
import { AccountService, ResetService, SessionService } from '@confidant/api/auth';
import { authKeyFor, makeIdentity, TestIdentity } from '@confidant/api/auth/testing';
import { LogCapture } from '@confidant/api/mail/testing';
import { CentreService } from '@confidant/api/accounts';
import {
  createConversationKey,
  createTeamKey,
  deriveRecoveryKeys,
  encryptMessage,
  fromBase64Url,
  rewrapPrivateKey,
  toBase64Url,
} from '@confidant/shared/crypto';
import { randomUUID } from 'node:crypto';
import { Role } from '@confidant/shared/api-interfaces';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { io, Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RetentionService } from '@confidant/api/retention';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';

const PUBLIC_URL = 'http://portal.test';

type Caller = 'anonymous' | 'client' | 'otherClient' | 'counsellor' | 'lead';
const CALLERS: Caller[] = ['anonymous', 'client', 'otherClient', 'counsellor', 'lead'];

/** Expected status per caller for a request with an empty JSON body. */
type Expectation = Record<Caller, number>;
const all = (status: number): Expectation =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expectation;
const loggedIn = (status: number): Expectation => ({ ...all(status), anonymous: 401 });
const leadOnly: Omit<Expectation, 'lead'> = {
  anonymous: 401,
  client: 403,
  otherClient: 403,
  counsellor: 403,
};

/**
 * Every route the application registers, with what each kind of caller gets. A new route without
 * an entry here fails the test: nobody can add an endpoint without deciding who may call it.
 */
const MATRIX: Record<string, Expectation> = {
  'GET /api/health': all(200),
  'GET /api/centre': all(200),
  'GET /api/centre/mail': { ...leadOnly, lead: 200 },
  'POST /api/auth/prelogin': all(400),
  'POST /api/auth/register': all(400),
  'POST /api/auth/login': all(400),
  'GET /api/auth/session': loggedIn(200),
  'GET /api/auth/status': all(200),
  'POST /api/auth/logout': all(204),
  'POST /api/auth/password': loggedIn(400),
  'POST /api/auth/reset/request': all(400),
  'POST /api/auth/reset/confirm': all(400),
  'POST /api/auth/recovery/start': all(400),
  'POST /api/auth/recovery/complete': all(400),
  'GET /api/accounts/me': loggedIn(200),
  'PUT /api/accounts/me/email': loggedIn(400),
  'DELETE /api/accounts/me/email': loggedIn(400),
  'POST /api/accounts/me/recovery': loggedIn(400),
  'POST /api/accounts/me/recovery/confirmation': loggedIn(204),
  'DELETE /api/accounts/me': loggedIn(400),
  'GET /api/setup': all(200),
  'POST /api/setup': all(400),
  'POST /api/staff/invitations': { ...leadOnly, lead: 400 },
  'POST /api/staff/register': all(400),
  'GET /api/staff/counsellors': { ...leadOnly, lead: 200 },
  'PUT /api/staff/counsellors/:id/team-key': { ...leadOnly, lead: 400 },
  'PATCH /api/staff/counsellors/:id': { ...leadOnly, lead: 400 },
  'PATCH /api/staff/centre': { ...leadOnly, lead: 200 },
  'POST /api/conversations': { ...all(403), anonymous: 401, client: 400, otherClient: 400 },
  'GET /api/conversations': loggedIn(200),
  'GET /api/conversations/queue': { ...all(200), anonymous: 401, client: 403, otherClient: 403 },
  'GET /api/statistics': { ...leadOnly, lead: 200 },
  // The conversation belongs to `client` and is assigned to `counsellor`; `lead` holds no team key.
  'GET /api/conversations/:id': { ...all(404), anonymous: 401, client: 200, counsellor: 200 },
  'GET /api/conversations/:id/messages': {
    ...all(404),
    anonymous: 401,
    client: 200,
    counsellor: 200,
  },
  // With an empty body the validation answers first, the same for everyone: nothing is revealed.
  'POST /api/conversations/:id/messages': loggedIn(400),
  'POST /api/conversations/:id/assign': {
    ...all(404),
    anonymous: 401,
    client: 403,
    otherClient: 403,
    counsellor: 200,
  },
  'POST /api/conversations/:id/close': {
    ...all(404),
    anonymous: 401,
    client: 403,
    otherClient: 403,
    counsellor: 200,
  },
  'POST /api/conversations/:id/read': loggedIn(400),
  'PUT /api/conversations/:id/keys/client': { ...leadOnly, lead: 400, counsellor: 400 },
  'POST /api/conversations/:id/appointments': {
    anonymous: 401,
    client: 403,
    otherClient: 403,
    counsellor: 400,
    lead: 400,
  },
  'GET /api/conversations/:id/appointments': {
    ...all(404),
    anonymous: 401,
    client: 200,
    counsellor: 200,
  },
  'GET /api/appointments': loggedIn(200),
  // Each appointment route gets an appointment of its own (see `appointmentIds`).
  'POST /api/appointments/:id/accept': {
    ...all(403),
    anonymous: 401,
    client: 200,
    otherClient: 404,
  },
  'POST /api/appointments/:id/decline': {
    ...all(403),
    anonymous: 401,
    client: 200,
    otherClient: 404,
  },
  'POST /api/appointments/:id/cancel': loggedIn(400),
  'POST /api/appointments/:id/open': { ...leadOnly, lead: 404, counsellor: 200 },
  'GET /api/appointments/:id/calendar.ics': {
    ...all(404),
    anonymous: 401,
    client: 200,
    counsellor: 200,
  },
};

/** Routes served outside Nest's controllers (the OpenAPI description): public on purpose. */
const DOCUMENTATION = /^GET \/api\/docs/;

function registeredRoutes(app: NestExpressApplication): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const express = app.getHttpAdapter().getInstance() as unknown as { router: { stack: Layer[] } };
  return express.router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route?.methods ?? {})
        .filter((method) => method !== '_all')
        .map((method) => `${method.toUpperCase()} ${layer.route?.path}`),
    );
}

describe('security of the assembled API', () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let logs: LogCapture;
  const accountIds = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  let conversationId: string;
  let conversationKey: CryptoKey;
  /** Appointments of the conversation, one per appointment route (by its last path segment). */
  const appointmentIds: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-security-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      KDF_ITERATIONS: '1000',
      PUBLIC_URL,
      WEB_DIR: 'none',
      LOG_LEVEL: 'verbose',
    });
    logs = new LogCapture();
    app = await createApp(config, new Uint8Array(32).fill(3));
    app.useLogger(logs);
    await app.init();
    const accounts = app.get(AccountService);
    const roles: [Exclude<Caller, 'anonymous'>, Role][] = [
      ['client', 'client'],
      ['otherClient', 'client'],
      ['counsellor', 'counsellor'],
      ['lead', 'lead'],
    ];
    const identities = {} as Record<Exclude<Caller, 'anonymous'>, TestIdentity>;
    for (const [caller, role] of roles) {
      const identity = await makeIdentity();
      const account = await accounts.create({ username: `${caller}-name`, role, ...identity.body });
      accountIds[caller] = account.id;
      identities[caller] = identity;
    }
    // A conversation of `client`, assigned to `counsellor`, who holds the team key.
    const team = await createTeamKey(fromBase64Url(identities.counsellor.body.publicKey));
    await app.get(CentreService).setTeamPublicKey(toBase64Url(team.publicKey));
    await accounts.update(accountIds.counsellor, { teamKeyGrant: JSON.stringify(team.grant) });
    conversationId = randomUUID();
    const messageId = randomUUID();
    const { key, sealed } = await createConversationKey({
      client: fromBase64Url(identities.client.body.publicKey),
      team: team.publicKey,
    });
    conversationKey = key;
    const envelope = await encryptMessage(
      key,
      { conversationId, messageId, senderId: accountIds.client },
      { text: 'Hallo' },
    );
    await request(app.getHttpServer())
      .post('/api/conversations')
      .set('Cookie', (await cookieFor('client')) ?? '')
      .send({ id: conversationId, keys: sealed, message: { id: messageId, envelope } })
      .expect(201);
    await request(app.getHttpServer())
      .post(`/api/conversations/${conversationId}/assign`)
      .set('Cookie', (await cookieFor('counsellor')) ?? '')
      .send({})
      .expect(200);
    // Proposed dates to accept, decline and cancel; accepted ones to open (due) and to download.
    const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const starts = { accept: 1440, decline: 1500, cancel: 1560, open: 5, 'calendar.ics': 2880 };
    for (const [action, minutes] of Object.entries(starts)) {
      const proposed = await request(app.getHttpServer())
        .post(`/api/conversations/${conversationId}/appointments`)
        .set('Cookie', (await cookieFor('counsellor')) ?? '')
        .send({ startsAt: inMinutes(minutes), durationMinutes: 60 })
        .expect(201);
      appointmentIds[action] = proposed.body[0].id;
      if (action === 'open' || action === 'calendar.ics') {
        await request(app.getHttpServer())
          .post(`/api/appointments/${appointmentIds[action]}/accept`)
          .set('Cookie', (await cookieFor('client')) ?? '')
          .expect(200);
      }
    }
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function cookieFor(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') {
      return undefined;
    }
    const { token } = await app.get(SessionService).create(accountIds[caller]);
    return `confidant-session=${token}`;
  }

  describe('authorization matrix', () => {
    it('has an expectation for every registered route, and no stale one', () => {
      const routes = registeredRoutes(app).filter((route) => !DOCUMENTATION.test(route));

      expect([...new Set(routes)].sort()).toEqual(Object.keys(MATRIX).sort());
    });

    for (const [route, expected] of Object.entries(MATRIX)) {
      it(`${route}`, async () => {
        const [method, template] = route.split(' ');
        const path = template.replace(
          ':id',
          template.startsWith('/api/conversations')
            ? conversationId
            : template.startsWith('/api/appointments/')
              ? appointmentIds[template.split('/').at(-1) ?? '']
              : accountIds.counsellor,
        );
        const actual = {} as Expectation;
        for (const caller of CALLERS) {
          const cookie = await cookieFor(caller);
          let call = request(app.getHttpServer())[method.toLowerCase() as 'get'](path);
          if (cookie) {
            call = call.set('Cookie', cookie);
          }
          const response = method === 'GET' ? await call : await call.send({});
          actual[caller] = response.status;
        }
        expect(actual).toEqual(expected);
      });
    }
  });

  describe('socket events of /chat', () => {
    /** What each caller's event is answered with (`ok` or the error), in this order. */
    const EVENTS: [event: string, expected: Record<Exclude<Caller, 'anonymous'>, string>][] = [
      ['watch', { client: 'ok', otherClient: 'not-found', counsellor: 'ok', lead: 'not-found' }],
      ['join', { client: 'ok', otherClient: 'not-found', counsellor: 'ok', lead: 'not-found' }],
      [
        'message',
        { client: 'ok', otherClient: 'not-joined', counsellor: 'ok', lead: 'not-joined' },
      ],
      ['typing', { client: 'ok', otherClient: 'not-joined', counsellor: 'ok', lead: 'not-joined' }],
      [
        'delivered',
        { client: 'ok', otherClient: 'not-joined', counsellor: 'ok', lead: 'not-joined' },
      ],
      ['leave', { client: 'ok', otherClient: 'ok', counsellor: 'ok', lead: 'ok' }],
      ['unwatch', { client: 'ok', otherClient: 'ok', counsellor: 'ok', lead: 'ok' }],
      // The counsellor's join above opened the room; ending it is hers alone.
      ['join', { client: 'ok', otherClient: 'not-found', counsellor: 'ok', lead: 'not-found' }],
      [
        'end',
        { client: 'forbidden', otherClient: 'not-found', counsellor: 'ok', lead: 'not-found' },
      ],
    ];
    const sockets = {} as Record<Exclude<Caller, 'anonymous'>, ClientSocket>;
    let url: string;

    beforeAll(async () => {
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/chat`;
    });

    afterAll(() => Object.values(sockets).forEach((socket) => socket.disconnect()));

    function connect(cookie?: string, origin = PUBLIC_URL): Promise<ClientSocket> {
      const socket = io(url, {
        transports: ['websocket'],
        extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
        reconnection: false,
        forceNew: true,
      });
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => {
          socket.disconnect();
          reject(error);
        });
      });
    }

    it('refuses a handshake without a session or from another origin', async () => {
      await expect(connect()).rejects.toThrow('unauthorized');
      await expect(connect(await cookieFor('client'), 'https://evil.example')).rejects.toThrow(
        'forbidden-origin',
      );
    });

    it('answers every event of every caller as the matrix says', async () => {
      const callers = ['client', 'otherClient', 'counsellor', 'lead'] as const;
      for (const caller of callers) {
        sockets[caller] = await connect(await cookieFor(caller));
      }
      // The counsellor opens the room first, as she does in the portal.
      await sockets.counsellor.emitWithAck('join', { conversationId });
      const actual: Record<string, Record<string, string>> = {};
      for (const [index, [event]] of EVENTS.entries()) {
        actual[`${index} ${event}`] = {};
        for (const caller of callers) {
          const id = randomUUID();
          const payload =
            event === 'message'
              ? {
                  conversationId,
                  id,
                  envelope: await encryptMessage(
                    conversationKey,
                    { conversationId, messageId: id, senderId: accountIds[caller] },
                    { text: 'Hallo' },
                  ),
                }
              : event === 'delivered'
                ? { conversationId, id }
                : { conversationId };
          const ack = await sockets[caller].timeout(2000).emitWithAck(event, payload);
          actual[`${index} ${event}`][caller] = ack.ok ? 'ok' : ack.error;
        }
      }

      expect(actual).toEqual(
        Object.fromEntries(
          EVENTS.map(([event, expected], index) => [`${index} ${event}`, expected]),
        ),
      );
    });
  });

  it('refuses a state-changing request from another origin (CSRF)', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/prelogin')
      .set('Origin', 'https://evil.example')
      .send({ username: 'client-name' })
      .expect(403);
    expect(response.body.message).toContain('must come from the portal');

    await request(app.getHttpServer())
      .post('/api/auth/prelogin')
      .set('Origin', PUBLIC_URL)
      .send({ username: 'client-name' })
      .expect(200);
  });

  it('tells a rate-limited caller when to come back', async () => {
    let last = await request(app.getHttpServer())
      .post('/api/auth/recovery/start')
      .send({
        username: 'nobody-here',
        recoveryVerifier: toBase64Url(new Uint8Array(32)),
      });
    for (let attempt = 0; attempt < 10 && last.status !== 429; attempt++) {
      last = await request(app.getHttpServer())
        .post('/api/auth/recovery/start')
        .send({
          username: 'nobody-here',
          recoveryVerifier: toBase64Url(new Uint8Array(32)),
        });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many attempts. Please wait a few minutes and try again.',
    });
  });

  it('keeps no password, authKey, recovery code or e-mail in clear in the database files or logs', async () => {
    const http = request.agent(app.getHttpServer());
    const identity: TestIdentity = await makeIdentity('canary password 7f3a9c');
    const email = 'canary-4711@example.org';
    await http
      .post('/api/auth/register')
      .send({ username: 'canary-user', ...identity.body, email })
      .expect(201);
    const prelogin = await http.post('/api/auth/prelogin').send({ username: 'canary-user' });
    const { authKey, wrapKey } = await authKeyFor(identity.password, prelogin.body.kdfSalt);
    await http.post('/api/auth/login').send({ username: 'canary-user', authKey }).expect(200);
    const newEmail = 'second-canary-0815@example.org';
    await http.put('/api/accounts/me/email').send({ authKey, email: newEmail }).expect(204);
    const renewed = await makeIdentity();
    const fresh = await deriveRecoveryKeys(renewed.recoveryCode);
    await http
      .post('/api/accounts/me/recovery')
      .send({
        authKey,
        recoveryWrappedPrivateKey: await rewrapPrivateKey(
          identity.body.wrappedPrivateKey,
          wrapKey,
          fresh.recoveryKey,
        ),
        recoveryVerifier: toBase64Url(fresh.recoveryVerifier),
      })
      .expect(204);

    const files = readdirSync(dataDir)
      .filter((name) => name.startsWith('confidant.sqlite'))
      .map((name) => readFileSync(join(dataDir, name)));
    const stored = Buffer.concat(files);
    const secrets = [
      identity.password,
      authKey,
      identity.body.recoveryVerifier,
      toBase64Url(fresh.recoveryVerifier),
      identity.recoveryCodeText,
      identity.recoveryCodeText.replace(/-/g, ''),
      renewed.recoveryCodeText,
      email,
      newEmail,
    ];
    const binary = [Buffer.from(authKey, 'base64url'), Buffer.from(identity.recoveryCode)];

    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(stored.includes(Buffer.from('canary-user'))).toBe(true);
    for (const secret of secrets) {
      expect({ secret, inDatabase: stored.includes(Buffer.from(secret, 'utf8')) }).toEqual({
        secret,
        inDatabase: false,
      });
      expect(logs.lines.filter((line) => line.includes(secret))).toEqual([]);
    }
    for (const bytes of binary) {
      expect(stored.includes(bytes)).toBe(false);
    }
  });

  it('keeps the plaintext of a canary message out of the database files and logs', async () => {
    const canary = `canary message ${randomUUID()}`;
    const messageId = randomUUID();
    const envelope = await encryptMessage(
      conversationKey,
      { conversationId, messageId, senderId: accountIds.client },
      { text: canary },
    );
    await request(app.getHttpServer())
      .post(`/api/conversations/${conversationId}/messages`)
      .set('Cookie', (await cookieFor('client')) ?? '')
      .send({ id: messageId, envelope })
      .expect(201);

    const stored = Buffer.concat(
      readdirSync(dataDir)
        .filter((name) => name.startsWith('confidant.sqlite'))
        .map((name) => readFileSync(join(dataDir, name))),
    );
    expect(stored.includes(Buffer.from(envelope.ct))).toBe(true);
    expect(stored.includes(Buffer.from(canary))).toBe(false);
    expect(
      logs.lines.filter((line) => line.includes(canary) || line.includes(envelope.ct)),
    ).toEqual([]);
  });

  describe('erasure canaries', () => {
    /**
     * Registers a client with an e-mail, a conversation, messages, a session, a mail and a chat
     * appointment that she cancelled with an encrypted reason.
     */
    async function canaryClient(tag: string) {
      const http = request.agent(app.getHttpServer());
      const identity = await makeIdentity();
      const username = `canary-${tag}-${randomUUID().slice(0, 6)}`;
      const email = `${username}@example.org`;
      const registered = await http
        .post('/api/auth/register')
        .send({ username, ...identity.body, email })
        .expect(201);
      const id = registered.body.account.id as string;
      const centre = await app.get(CentreService).getCentre();
      const canaryConversation = randomUUID();
      const { key, sealed } = await createConversationKey({
        client: fromBase64Url(identity.body.publicKey),
        team: fromBase64Url(centre.teamPublicKey ?? ''),
      });
      const envelopes = [];
      const messageId = randomUUID();
      const first = await encryptMessage(
        key,
        { conversationId: canaryConversation, messageId, senderId: id },
        { text: 'x' },
      );
      envelopes.push(first);
      await http
        .post('/api/conversations')
        .send({ id: canaryConversation, keys: sealed, message: { id: messageId, envelope: first } })
        .expect(201);
      for (let index = 0; index < 3; index++) {
        const next = randomUUID();
        const envelope = await encryptMessage(
          key,
          { conversationId: canaryConversation, messageId: next, senderId: id },
          { text: `m${index}` },
        );
        envelopes.push(envelope);
        await http
          .post(`/api/conversations/${canaryConversation}/messages`)
          .send({ id: next, envelope })
          .expect(201);
      }
      const counsellorCookie = (await cookieFor('counsellor')) ?? '';
      await request(app.getHttpServer())
        .post(`/api/conversations/${canaryConversation}/assign`)
        .set('Cookie', counsellorCookie)
        .send({})
        .expect(200);
      const proposed = await request(app.getHttpServer())
        .post(`/api/conversations/${canaryConversation}/appointments`)
        .set('Cookie', counsellorCookie)
        .send({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 45 })
        .expect(201);
      const appointmentId = proposed.body[0].id as string;
      const reason = await encryptMessage(
        key,
        { conversationId: canaryConversation, messageId: appointmentId, senderId: id },
        { text: 'Ich kann doch nicht.' },
      );
      envelopes.push(reason);
      await http.post(`/api/appointments/${appointmentId}/cancel`).send({ reason }).expect(200);
      await http.post('/api/auth/reset/request').send({ username }).expect(202);
      await app.get(ResetService).idle();
      expect(outboxText()).toContain(email);
      const account = await app.get(AccountService).findById(id);
      const sessionHashes = (
        await app.get(DataSource).query('SELECT token_hash FROM session WHERE account_id = ?', [id])
      ).map((row: { token_hash: string }) => row.token_hash);
      const values = [
        username,
        email,
        identity.body.publicKey,
        account?.emailCiphertext ?? 'missing',
        JSON.parse(account?.emailCiphertext ?? '{"ct":"missing"}').ct,
        sealed.client.ct,
        sealed.team.ct,
        ...envelopes.map((envelope) => envelope.ct),
        ...sessionHashes,
      ];
      expect(sessionHashes.length).toBeGreaterThan(0);
      expect(outboxText()).toContain(email);
      return { http, id, identity, values };
    }

    function outboxText(): string {
      const dir = join(dataDir, 'outbox');
      return existsSync(dir)
        ? readdirSync(dir)
            .map((name) => readFileSync(join(dir, name), 'latin1'))
            .join('\n')
        : '';
    }

    function everythingStored(): string {
      const database = readdirSync(dataDir)
        .filter((name) => name.startsWith('confidant.sqlite'))
        .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
        .join('\n');
      return [database, outboxText(), logs.lines.join('\n')].join('\n');
    }

    it('finds nothing of a client anywhere after she deleted her account', async () => {
      const canary = await canaryClient('self');
      expect(everythingStored()).toContain(canary.values[0]);
      const prelogin = await canary.http
        .post('/api/auth/prelogin')
        .send({ username: canary.values[0] });
      const { authKey } = await authKeyFor(canary.identity.password, prelogin.body.kdfSalt);

      await canary.http.delete('/api/accounts/me').send({ authKey }).expect(204);

      const stored = everythingStored();
      for (const value of canary.values) {
        expect({ value, found: stored.includes(value) }).toEqual({ value, found: false });
      }
    });

    it('finds nothing of a client anywhere after the sweep erased her', async () => {
      const canary = await canaryClient('sweep');
      await app
        .get(AccountService)
        .update(canary.id, { lastActivityAt: new Date('2020-01-01T00:00:00Z') });

      const result = await app.get(RetentionService).sweep(new Date());

      expect(result.erased).toBeGreaterThanOrEqual(1);
      const stored = everythingStored();
      for (const value of canary.values) {
        expect({ value, found: stored.includes(value) }).toEqual({ value, found: false });
      }
    });
  });
});
