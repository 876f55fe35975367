import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { API_PREFIX } from '@confidant/shared/api-interfaces';

/** Angular's output hashing appends eight capitals or digits, e.g. `main-4T2X6JQK.js`. */
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

function isApiPath(path: string): boolean {
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}

/**
 * Serves the built Angular app on the API's port: files as they are, hashed files cached for a year,
 * and `index.html` for every other GET that is not an API route or a file, so that app routes such
 * as `/datenschutz` survive a reload. Only static files are compressed; API answers are not, since
 * they may carry secrets next to attacker-influenced text (BREACH).
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): boolean {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Web').warn(`No built web app in ${webDir}; only the API is served`);
    return false;
  }
  const indexHtml = readFileSync(indexFile);

  app.use(
    compression({
      filter: (request: Request, response: Response) =>
        !isApiPath(request.path) && compression.filter(request, response),
    }),
  );
  app.useStaticAssets(webDir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (response: Response, path: string) => {
      response.setHeader(
        'Cache-Control',
        HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage = request.method === 'GET' || request.method === 'HEAD';
    if (!isPage || isApiPath(request.path) || extname(request.path) !== '') {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml);
  });
  return true;
}
