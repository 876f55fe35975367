import { NestExpressApplication } from '@nestjs/platform-express';
import { LogCapture } from '@confidant/api/mail/testing';
import { toBase64Url } from '@confidant/shared/crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../create-app';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonDepthExceeds', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('measures the nesting of arrays and objects', () => {
    expect(jsonDepthExceeds(bytes(nested(32)), 32)).toBe(false);
    expect(jsonDepthExceeds(bytes(nested(33)), 32)).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":{"b":[1,{"c":2}]}}'), 3)).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":{"b":[1,{"c":2}]}}'), 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ text: '[[[[[[{{{{"\\' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify(['"[[[[']) + ''), 1)).toBe(false);
  });
});

/** What a client without a browser can send, against the assembled application. */
describe('JSON bodies', () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let logs: LogCapture;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-body-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      KDF_ITERATIONS: '1000',
      WEB_DIR: 'none',
      LOG_LEVEL: 'verbose',
    });
    logs = new LogCapture();
    app = await createApp(config, new Uint8Array(32).fill(5));
    app.useLogger(logs);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  it('refuses a login with a 100 KB username with 413 before it is read, and logs nothing', async () => {
    const response = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({ username: 'x'.repeat(100_000), authKey: toBase64Url(new Uint8Array(32)) }),
      );

    expect(response.status).toBe(413);
    // The other 92 KB are not read: the connection closes after the answer.
    expect(response.headers['connection']).toBe('close');
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is too large.',
    });
    expect(logs.lines.join('\n')).not.toMatch(/xxxxxxxx|at \w+ \(/);
  });

  it('keeps the larger limit for routes that carry messages', async () => {
    const response = await http()
      .post('/api/conversations/00000000-0000-4000-8000-000000000001/messages')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(100_000) }));

    // Not 413: the body was read, and the session guard answers first.
    expect(response.status).toBe(401);
  });

  it.each([
    // Within the credential routes' 8 KB.
    ['a credential route', '/api/auth/login', 1_000],
    ['any other route', '/api/conversations', 5_000],
  ])(
    'answers deeply nested JSON on %s with 400 and no stack trace in the log',
    async (_, path, depth) => {
      const started = process.hrtime.bigint();
      const response = await http()
        .post(path)
        .set('Content-Type', 'application/json')
        .send(`{"username":${nested(depth)}}`);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
      });
      expect(logs.lines.join('\n')).not.toMatch(/at \w+ \(|RangeError|stack/i);
      // Generous, for a shared machine: validation of such a body used to take about 150 ms of CPU.
      expect(elapsedMs).toBeLessThan(1_000);
    },
  );

  it('still reads nesting as deep as the API needs', async () => {
    const response = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'anna', authKey: toBase64Url(new Uint8Array(32)) }));

    expect(response.status).toBe(401);
  });
});
