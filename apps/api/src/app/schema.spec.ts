import { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { testDatabaseEngine, testDatabaseUrl } from '@confidant/api/persistence/testing';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';

/**
 * The committed migrations and the entities describe the same schema, on the engine the tests run
 * on (SQLite, or PostgreSQL with TEST_DATABASE_ENGINE=postgres): TypeORM's schema builder, asked
 * what it would change to match the entities, finds nothing.
 */
describe(`the schema on ${testDatabaseEngine()}`, () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-schema-'));
    const database = await testDatabaseUrl();
    drop = database.drop;
    app = await createApp(
      loadConfig({
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        WEB_DIR: 'none',
        LOG_LEVEL: 'fatal',
        KDF_ITERATIONS: '1000',
      }),
      new Uint8Array(32),
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('made by the migrations is the one the entities describe', async () => {
    const dataSource = app.get<DataSource>(getDataSourceToken());

    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();

    expect(upQueries.map((query) => query.query)).toEqual([]);
  });
});
