import { LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CentreService } from '@confidant/api/accounts';
import { SessionCookie, SessionService, VALIDATION_OPTIONS } from '@confidant/api/auth';
import { API_PREFIX, ApiRoutes } from '@confidant/shared/api-interfaces';
import { AppConfig, LOG_LEVELS } from '../config/app-config';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { jsonBodyParsers } from './http/json-body';
import { originCheck } from './http/origin-check';
import { noStore, securityHeaders } from './http/security-headers';
import { serveWebApp } from './web/web-hosting';

/** Nest's levels up to and including the configured one. */
function logLevels(config: AppConfig): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
}

/**
 * Builds the whole HTTP application: security headers, body limit, validation, error shape,
 * OpenAPI description and the web app. Used by `main.ts` and by the API tests alike.
 */
export async function createApp(
  config: AppConfig,
  serverSecret: Uint8Array,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, serverSecret),
    { bodyParser: false, logger: logLevels(config) },
  );
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(...securityHeaders({ https: config.isHttps }));
  app.use(`/${API_PREFIX}`, noStore, originCheck(config.publicUrl));
  app.use(...jsonBodyParsers(API_PREFIX));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  app.useGlobalFilters(new ApiExceptionFilter());
  // socket.io (the live chat at /chat) on the same HTTP server and port as the API.
  app.useWebSocketAdapter(new IoAdapter(app));

  const openApi = new DocumentBuilder()
    .setTitle('Confidant API')
    .setDescription(
      'HTTP API v1 of the Confidant counselling portal. Binary values are base64url strings; ' +
        'message content only ever travels as end-to-end encrypted envelopes.',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup(
    `${API_PREFIX}/${ApiRoutes.docs}`,
    app,
    () => SwaggerModule.createDocument(app, openApi),
    { jsonDocumentUrl: `${API_PREFIX}/${ApiRoutes.docs}/openapi.json` },
  );

  if (config.webDir) {
    const centre = app.get(CentreService);
    const cookie = app.get(SessionCookie);
    const sessions = app.get(SessionService);
    serveWebApp(app, config.webDir, {
      publicUrl: config.publicUrl,
      centre: () => centre.getPublicCentre(),
      hasSession: async (request) => {
        const token = cookie.read(request);
        return token !== null && (await sessions.resolve(token)) !== null;
      },
    });
  }
  return app;
}
