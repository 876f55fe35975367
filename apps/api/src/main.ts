import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseUnusableError, recordServerSecretCheck } from '@confidant/api/persistence';
import { createApp } from './app/create-app';
import { prepareStop } from './app/graceful-stop';
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
  const logger = new Logger('Confidant');
  stopOnSignals(prepareStop(app), logger);
  await app.listen(config.port, config.host);
  logger.log(`The portal is running at ${config.publicUrl}`);
  logger.log(`Data is stored in ${config.dataDir}`);
}

/** A stop that has not finished by then (a hung statement, say) ends the process anyway. */
const STOP_DEADLINE_MS = 10_000;

/** SIGTERM and SIGINT stop the portal without cutting work short (see {@link prepareStop}). */
function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.log(`${signal}: finishing the requests in flight, then stopping`);
    setTimeout(() => {
      process.stderr.write('Confidant did not stop in time; exiting anyway\n');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Confidant could not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Confidant could not start: ${message}\n`);
  process.exit(1);
});
