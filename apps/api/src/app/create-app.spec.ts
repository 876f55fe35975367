import { NestExpressApplication } from '@nestjs/platform-express';
import { SchedulerRegistry } from '@nestjs/schedule';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService, SessionService } from '@confidant/api/auth';
import { makeIdentity } from '@confidant/api/auth/testing';
import { testDatabaseUrl } from '@confidant/api/persistence/testing';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';

const INDEX_HTML =
  '<!doctype html><html lang="de"><head><title>Portal</title><link rel="stylesheet" href="styles-ABCD1234.css" crossorigin="anonymous" integrity="sha384-x"></head><body><cf-root></cf-root></body></html>';

describe('the HTTP application', () => {
  let webDir: string;
  let app: NestExpressApplication;
  let accountId: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'confidant-web-'));
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(webDir, 'main-ABCD1234.js'), 'console.info("app");'.repeat(200));
    mkdirSync(join(webDir, 'media'));
    writeFileSync(join(webDir, 'media', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(webDir, 'styles-ABCD1234.css'), 'body{color:black}');
    writeFileSync(
      join(webDir, 'index.csr.html'),
      INDEX_HTML.replace('<title>Portal</title>', '<title>Shell</title>'),
    );
    // sqlite::memory:, or a fresh PostgreSQL database with TEST_DATABASE_ENGINE=postgres.
    const database = await testDatabaseUrl();
    dropDatabase = database.drop;
    const config = loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: webDir,
      WEB_DIR: webDir,
      LOG_LEVEL: 'fatal',
      KDF_ITERATIONS: '1000',
    });
    app = await createApp(config, new Uint8Array(32));
    await app.init();
    const identity = await makeIdentity();
    accountId = (
      await app
        .get(AccountService)
        .create({ username: 'seitenbesuch', role: 'client', ...identity.body })
    ).id;
  });

  afterAll(async () => {
    await app.close();
    await dropDatabase();
    rmSync(webDir, { recursive: true, force: true });
  });

  // Under PUBLIC_URL's host (localhost:3000 by default) as in a browser; see web-hosting.spec.ts.
  const http = () => request.agent(app.getHttpServer()).set('Host', 'localhost:3000');

  describe('API', () => {
    it('runs the retention sweep and the purge of expired sessions on a schedule', () => {
      const jobs = app.get(SchedulerRegistry).getCronJobs();

      expect([...jobs.keys()].sort()).toEqual(['retention-sweep', 'session-purge']);
    });

    it('reports health when the database answers', async () => {
      const response = await http().get('/api/health').expect(200);

      expect(response.body).toEqual({ status: 'ok', database: 'ok' });
    });

    it('reports 503 in the error shape when the database is gone', async () => {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const query = jest.spyOn(dataSource, 'query').mockRejectedValueOnce(new Error('disk I/O'));

      const response = await http().get('/api/health').expect(503);

      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database does not answer',
      });
      query.mockRestore();
    });

    it('serves the seeded centre', async () => {
      const response = await http().get('/api/centre').expect(200);

      expect(response.body).toMatchObject({
        responseDays: 3,
        retentionMonths: 6,
        teamPublicKey: null,
      });
    });

    it('answers unknown API routes with a JSON 404, not the web app', async () => {
      const response = await http().get('/api/does-not-exist').expect(404);

      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Cannot GET /api/does-not-exist',
      });
    });

    it('refuses a JSON body over 256 KB with 413', async () => {
      const body = JSON.stringify({ text: 'x'.repeat(256 * 1024) });

      const response = await http()
        .post('/api/centre')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(413);

      expect(response.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'The request body is too large.',
      });
    });

    it('refuses malformed JSON with 400 and no stack trace', async () => {
      const response = await http()
        .post('/api/centre')
        .set('Content-Type', 'application/json')
        .send('{"broken":')
        .expect(400);

      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js/);
    });

    it('forbids caching of every API answer, errors included', async () => {
      await http().get('/api/centre').expect('Cache-Control', 'no-store');
      await http().get('/api/does-not-exist').expect('Cache-Control', 'no-store');
    });

    it('does not compress API answers', async () => {
      const response = await http().get('/api/docs/openapi.json').set('Accept-Encoding', 'gzip');

      expect(response.headers['content-encoding']).toBeUndefined();
    });

    it('describes its routes in OpenAPI', async () => {
      const response = await http().get('/api/docs/openapi.json').expect(200);

      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/api/health', '/api/centre']),
      );
      expect(response.body.components.schemas.CentreResponseDto.required).toContain('exitUrl');
      await http().get('/api/docs').expect(200).expect('Content-Type', /html/);
    });
  });

  describe('security headers', () => {
    it.each(['/api/health', '/', '/main-ABCD1234.js'])('are sent on %s', async (path) => {
      const response = await http().get(path).expect(200);
      const csp = response.headers['content-security-policy'];

      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['permissions-policy']).toContain('camera=()');
      expect(response.headers['permissions-policy']).toContain('geolocation=()');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('web app', () => {
    it('tells the page that a browser with a live session has one', async () => {
      const { token } = await app.get(SessionService).create(accountId);

      const response = await http()
        .get('/')
        .set('Cookie', `confidant-session=${token}`)
        .expect(200);

      expect(response.text).toContain('<meta name="confidant-session" content="present">');
      const stale = await http()
        .get('/')
        .set('Cookie', `confidant-session=${'x'.repeat(43)}`);
      expect(stale.text).toContain('<meta name="confidant-session" content="none">');
    });

    it('serves the prerendered landing page at the root and the plain shell elsewhere', async () => {
      expect((await http().get('/').expect(200)).text).toContain('<title>Portal</title>');
      expect((await http().get('/datenschutz').expect(200)).text).toContain('<title>Shell</title>');
    });

    it('serves index.html at the root and for app routes, never cached', async () => {
      for (const path of ['/', '/datenschutz', '/client/inbox']) {
        const response = await http().get(path).expect(200).expect('Content-Type', /html/);

        expect(response.text).toContain('<cf-root></cf-root>');
        expect(response.text).toContain('<meta name="confidant-session" content="none">');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    });

    it("puts the centre's settings and the stylesheet into the page", async () => {
      const response = await http().get('/').expect(200);

      const meta = /<meta name="confidant-centre" content="([^"]*)">/.exec(response.text);
      const decoded = (meta?.[1] ?? '')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(JSON.parse(decoded)).toMatchObject({ name: 'Online-Beratung', responseDays: 3 });
      expect(response.text).toContain('<style>body{color:black}</style>');
      expect(response.text).not.toContain('styles-ABCD1234.css');
    });

    it('caches hashed files for a year and compresses them', async () => {
      const response = await http()
        .get('/main-ABCD1234.js')
        .set('Accept-Encoding', 'gzip')
        .expect(200);

      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-encoding']).toBe('gzip');
    });

    it('answers a missing file with 404 instead of the app', async () => {
      await http().get('/chunk-MISSING0.js').expect(404);
    });
  });

  describe('schema', () => {
    it('is exactly what the committed migrations create', async () => {
      const dataSource = app.get<DataSource>(getDataSourceToken());

      const pending = await dataSource.driver.createSchemaBuilder().log();

      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    });
  });
});
