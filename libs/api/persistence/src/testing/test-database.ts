import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { serializeTransactions } from '../lib/transaction-lock';
import { DatabaseLogger } from '../lib/typeorm-logger';
import { databaseUrl } from './postgres-server';

/** The engine the module tests run on: `TEST_DATABASE_ENGINE=postgres`, else SQLite. */
export function testDatabaseEngine(): 'sqlite' | 'postgres' {
  return process.env['TEST_DATABASE_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';
}

/** The database that tests copy: migrated once per server, then only copied. */
const TEMPLATE = 'confidant_template';
/** Serialises making the template and copying it across Jest's workers. */
const TEMPLATE_LOCK_KEY = 4_711_150_016;

/** A fresh PostgreSQL database for one test module; {@link drop} removes it. */
export interface TestPostgresDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A new database on the test server (`TEST_POSTGRES_URL`, set by the Jest global setup that
 * starts it), copied from a template that the committed migrations made on first use.
 */
export async function createTestPostgresDatabase(): Promise<TestPostgresDatabase> {
  const serverUrl = process.env['TEST_POSTGRES_URL'];
  if (!serverUrl) {
    throw new Error(
      'TEST_DATABASE_ENGINE=postgres needs TEST_POSTGRES_URL: run the tests through Jest, whose ' +
        'global setup (jest.preset.js) starts PostgreSQL',
    );
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      TEMPLATE,
    ]);
    if (!rowCount) {
      await migrateTemplate(admin, serverUrl);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl({ url: serverUrl }, name),
    name,
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Builds the template under another name and renames it when the migrations are through. */
async function migrateTemplate(admin: Client, serverUrl: string): Promise<void> {
  const building = `${TEMPLATE}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${building}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl({ url: serverUrl }, building),
    migrations: MIGRATIONS,
    logging: ['error'],
    logger: new DatabaseLogger(),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
  await admin.query(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true`);
}

/**
 * A fresh database for a module test. On SQLite (the default) an in-memory database whose schema
 * is made from the entities that the modules under test register, so each API lib can be started
 * on its own. With `TEST_DATABASE_ENGINE=postgres` a new PostgreSQL database copied from the
 * migrated template (the schema of the committed migrations), dropped when the module closes.
 * Tests only.
 */
export function testDatabaseModule(): DynamicModule {
  if (testDatabaseEngine() === 'postgres') {
    let database: TestPostgresDatabase | undefined;
    return TypeOrmModule.forRootAsync({
      useFactory: async () => {
        database = await createTestPostgresDatabase();
        return {
          type: 'postgres',
          url: database.url,
          extra: { max: 5 },
          autoLoadEntities: true,
          synchronize: false,
          logging: ['error'],
          logger: new DatabaseLogger(),
        };
      },
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        const destroy = dataSource.destroy.bind(dataSource);
        dataSource.destroy = async () => {
          await destroy();
          await database?.drop();
        };
        return dataSource;
      },
    });
  }
  return TypeOrmModule.forRootAsync({
    useFactory: () => ({
      type: 'sqlite',
      database: ':memory:',
      autoLoadEntities: true,
      synchronize: true,
      dropSchema: true,
      logging: ['error'],
      logger: new DatabaseLogger(),
    }),
    dataSourceFactory: async (options?: DataSourceOptions) => {
      const dataSource = await new DataSource(options as DataSourceOptions).initialize();
      serializeTransactions(dataSource);
      return dataSource;
    },
  });
}

/**
 * `DATABASE_URL` for a test that starts the whole API: `sqlite::memory:`, or a fresh PostgreSQL
 * database (drop it afterwards with the returned function).
 */
export async function testDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDatabaseEngine() !== 'postgres') {
    return { url: 'sqlite::memory:', drop: async () => undefined };
  }
  const database = await createTestPostgresDatabase();
  return { url: database.url, drop: database.drop };
}
