import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { DatabaseUnusableError, recordServerSecretCheck } from '@confidant/api/persistence';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDataDir, serverSecretCheck } from './config/server-secret';

async function bootstrap(): Promise<void> {
  // Whatever the portal creates (the database, SQLite's -wal and -shm files, mails in the outbox)
  // is for its own user only, whatever umask it was started with.
  process.umask(0o077);
  let config;
  let serverSecret;
  try {
    config = loadConfig(process.env);
    serverSecret = await prepareDataDir(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof DatabaseUnusableError) {
      process.stderr.write(`Database error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await createApp(config, serverSecret);
  // The migrations have run: tie the database to its secret (once; a later start checks it).
  const check = serverSecretCheck(serverSecret);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if ((await recordServerSecretCheck(dataSource, check)) !== check) {
    throw new Error('the database was just set up with another server secret by another start');
  }
  stopGracefully(app.getHttpServer());
  await app.listen(config.port, config.host);
  const logger = new Logger('Confidant');
  logger.log(`The portal is running at ${config.publicUrl}`);
  logger.log(`Data is stored in ${config.dataDir}`);
}

/** How long a stop waits for the requests in flight before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 8000;

/**
 * Makes SIGTERM and SIGINT stop the portal without cutting work short. Nest's shutdown hooks (see
 * `createApp`) close the HTTP server and then the database; closing the server waits until every
 * connection has ended. Here, at the signal, the server stops accepting connections at once, idle
 * keep-alive connections close, and every further answer says `Connection: close`, so that a busy
 * client cannot keep its connection, and the database, open forever. After SHUTDOWN_GRACE_MS the
 * remaining connections are cut. Requests whose client has gone are still running; the database
 * waits for their statements before it closes (`openDatabase`).
 */
function stopGracefully(server: Server): void {
  let stopping = false;
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (stopping) {
      response.setHeader('Connection', 'close');
    }
  });
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Confidant could not start: ${message}\n`);
  process.exit(1);
});
