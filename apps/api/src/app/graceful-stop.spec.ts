import { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ChatEvents } from '@confidant/shared/api-interfaces';
import { AccountService, SessionService } from '@confidant/api/auth';
import { makeIdentity } from '@confidant/api/auth/testing';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';
import { prepareStop } from './graceful-stop';

/** The portal's own host and origin (PUBLIC_URL's default), as its browsers send them. */
const PORTAL = 'localhost:3000';
const ORIGIN = `http://${PORTAL}`;

/** A whole portal on in-memory SQLite, listening on a free port of its own. */
describe('stopping the portal', () => {
  let app: NestExpressApplication;
  let port: number;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    const config = loadConfig({
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: '/nonexistent',
      WEB_DIR: 'none',
      LOG_LEVEL: 'fatal',
      KDF_ITERATIONS: '1000',
    });
    app = await createApp(config, new Uint8Array(32));
    stop = prepareStop(app, 60_000);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterEach(async () => {
    await stop();
  });

  /** A login's first step whose body is still arriving: a request in flight. */
  function requestInFlight(): {
    answer: Promise<IncomingMessage & { text: string }>;
    finish(): void;
  } {
    const body = JSON.stringify({ username: 'mondlicht' });
    const half = body.length >> 1;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/prelogin',
      headers: {
        Host: PORTAL,
        Origin: ORIGIN,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    const answer = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
      req.on('response', (response: IncomingMessage & { text: string }) => {
        response.text = '';
        response.on('data', (chunk: Buffer) => (response.text += chunk.toString()));
        response.on('end', () => resolve(response));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, half));
    req.flushHeaders();
    return { answer, finish: () => req.end(body.slice(half)) };
  }

  /** A client's live-chat socket, logged in. */
  async function chatSocket(): Promise<Socket> {
    const account = await app
      .get(AccountService)
      .create({ username: 'nachtfalter', role: 'client', ...(await makeIdentity()).body });
    const { token } = await app.get(SessionService).create(account.id);
    const socket = io(`http://127.0.0.1:${port}/chat`, {
      transports: ['websocket'],
      extraHeaders: { cookie: `confidant-session=${token}`, origin: ORIGIN },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  const refused = () =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('accepted');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });

  it('finishes a request in flight, refuses new connections, and then closes the database', async () => {
    const inFlight = requestInFlight();
    // The server has the request once it answers another one after it on a new connection.
    await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { Host: PORTAL } });

    const stopped = stop();

    expect(await refused()).toBe('ECONNREFUSED');
    expect(app.get<DataSource>(getDataSourceToken()).isInitialized).toBe(true);
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.text)).toHaveProperty('kdfSalt');
    expect(answer.headers.connection).toBe('close');
    await stopped;
    expect(app.get<DataSource>(getDataSourceToken()).isInitialized).toBe(false);
  });

  it('tells each chat socket that it restarts and drops it so that its client reconnects', async () => {
    const socket = await chatSocket();
    const hinted = new Promise<void>((resolve) => socket.once(ChatEvents.restarting, resolve));
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await stop();

    await hinted;
    // Not "io server disconnect", after which socket.io would give up; this one reconnects.
    expect(await reason).toBe('transport close');
  });

  it('cuts a request whose body never comes once the grace time is over', async () => {
    await stop();
    app = await createApp(
      loadConfig({
        DATABASE_URL: 'sqlite::memory:',
        DATA_DIR: '/nonexistent',
        WEB_DIR: 'none',
        LOG_LEVEL: 'fatal',
      }),
      new Uint8Array(32),
    );
    stop = prepareStop(app, 100);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    const inFlight = requestInFlight();
    const outcome = inFlight.answer.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { Host: PORTAL } });

    await stop();

    expect(await outcome).toBe('socket hang up');
  });
});
