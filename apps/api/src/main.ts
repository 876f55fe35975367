import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDataDir } from './config/server-secret';

async function bootstrap(): Promise<void> {
  let config;
  let serverSecret;
  try {
    config = loadConfig(process.env);
    serverSecret = prepareDataDir(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await createApp(config, serverSecret);
  await app.listen(config.port, config.host);
  const logger = new Logger('Confidant');
  logger.log(`The portal is running at ${config.publicUrl}`);
  logger.log(`Data is stored in ${config.dataDir}`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Confidant could not start: ${message}\n`);
  process.exit(1);
});
