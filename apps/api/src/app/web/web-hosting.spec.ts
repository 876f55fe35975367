import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../create-app';

const PUBLIC_URL = 'https://beratung.example';

/** Item 14 of issue 13: pages under another host than PUBLIC_URL's redirect there. */
describe('pages under another host', () => {
  let webDir: string;

  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'confidant-host-'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="de"><head><title>Portal</title></head><body></body></html>',
    );
    writeFileSync(join(webDir, 'main-ABCD1234.js'), 'console.info("app");');
  });

  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  async function start(env: Record<string, string> = {}): Promise<NestExpressApplication> {
    const app = await createApp(
      loadConfig({
        DATABASE_URL: 'sqlite::memory:',
        DATA_DIR: webDir,
        WEB_DIR: webDir,
        LOG_LEVEL: 'fatal',
        KDF_ITERATIONS: '1000',
        PUBLIC_URL,
        ...env,
      }),
      new Uint8Array(32),
    );
    await app.init();
    return app;
  }

  describe('without a trusted proxy', () => {
    let app: NestExpressApplication;
    beforeAll(async () => (app = await start()));
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it.each(['/', '/datenschutz?sprache=en&x=%C3%A4', '/client/inbox', '/main-ABCD1234.js'])(
      'sends GET %s under 127.0.0.1:3000 to the same path and query under PUBLIC_URL',
      async (path) => {
        const response = await http().get(path).set('Host', '127.0.0.1:3000').expect(302);

        expect(response.headers['location']).toBe(`${PUBLIC_URL}${path}`);
        expect(response.headers['cache-control']).toBe('no-store');
      },
    );

    it('redirects HEAD as well', async () => {
      const response = await http().head('/datenschutz').set('Host', 'localhost:3000').expect(302);

      expect(response.headers['location']).toBe(`${PUBLIC_URL}/datenschutz`);
    });

    it.each(['beratung.example', 'BERATUNG.example', 'beratung.example:443'])(
      'serves the page under its own host %s',
      async (host) => {
        const response = await http().get('/datenschutz').set('Host', host).expect(200);

        expect(response.text).toContain('<title>Portal</title>');
      },
    );

    it('keeps the port: another port of the same name is another host', async () => {
      const response = await http().get('/').set('Host', 'beratung.example:8443').expect(302);

      expect(response.headers['location']).toBe(`${PUBLIC_URL}/`);
    });

    it('never redirects the API: reads are answered, changes refused with 403', async () => {
      const health = await http().get('/api/health').set('Host', '127.0.0.1:3000').expect(200);
      expect(health.body).toEqual({ status: 'ok', database: 'ok' });

      const login = await http()
        .post('/api/auth/login')
        .set('Host', '127.0.0.1:3000')
        .set('Origin', 'http://127.0.0.1:3000')
        .send({ username: 'anna', authKey: 'x' })
        .expect(403);
      expect(login.headers['location']).toBeUndefined();
    });

    it('does not redirect a page form post either: only GET and HEAD move', async () => {
      const response = await http().post('/datenschutz').set('Host', '127.0.0.1:3000');

      expect(response.status).not.toBe(302);
      expect(response.headers['location']).toBeUndefined();
    });

    it.each([
      ['//evil.example/steal', 'evil.example'],
      ['/\\evil.example/steal', '127.0.0.1:3000'],
      ['/%2F%2Fevil.example', 'evil.example'],
      ['/seite', 'evil.example@beratung.example'],
      ['/seite', 'beratung.example/evil'],
    ])('never leaves PUBLIC_URL (%s under host %s)', async (path, host) => {
      const response = await http().get(path).set('Host', host).expect(302);

      expect(new URL(response.headers['location']).origin).toBe(PUBLIC_URL);
    });

    it('does not believe X-Forwarded-Host', async () => {
      await http()
        .get('/')
        .set('Host', 'beratung.example')
        .set('X-Forwarded-Host', 'evil.example')
        .expect(200);
      const response = await http()
        .get('/')
        .set('Host', '127.0.0.1:3000')
        .set('X-Forwarded-Host', 'beratung.example')
        .expect(302);
      expect(response.headers['location']).toBe(`${PUBLIC_URL}/`);
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
    let app: NestExpressApplication;
    beforeAll(async () => (app = await start({ TRUST_PROXY: '1' })));
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it('judges by the host the proxy forwards', async () => {
      await http()
        .get('/datenschutz')
        .set('Host', '127.0.0.1:3000')
        .set('X-Forwarded-Host', 'beratung.example')
        .expect(200);
      const response = await http()
        .get('/datenschutz')
        .set('Host', 'beratung.example')
        .set('X-Forwarded-Host', 'www.beratung.example')
        .expect(302);
      expect(response.headers['location']).toBe(`${PUBLIC_URL}/datenschutz`);
    });
  });
});
