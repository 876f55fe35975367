import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { API_PREFIX, CentreResponse } from '@confidant/shared/api-interfaces';

/** Angular's output hashing appends eight capitals or digits, e.g. `main-4T2X6JQK.js`. */
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/** Name of the meta element that carries the centre's public settings into the page. */
export const CENTRE_META = 'confidant-centre';

function isApiPath(path: string): boolean {
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}

/**
 * Sends a GET or HEAD outside the API that arrives under another host than PUBLIC_URL's (the
 * portal opened as `http://127.0.0.1:3000` while PUBLIC_URL says `http://localhost:3000`) to the
 * same path and query under PUBLIC_URL: there every request that changes something would be
 * refused by the origin check, so the portal could only be looked at. API answers are never
 * redirected. The target's origin is always PUBLIC_URL's, whatever the request says (no open
 * redirect). `X-Forwarded-Host` counts only where `trust proxy` trusts the peer (Express's
 * `request.host`, set from TRUST_PROXY in `createApp`). 302, not kept: a permanent redirect would
 * stay in the browser's cache after PUBLIC_URL changes, and would be one more trace of the visit.
 */
export function canonicalHost(publicUrl: string) {
  const canonical = new URL(publicUrl);
  return (request: Request, response: Response, next: NextFunction): void => {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (
      !isRead ||
      isApiPath(request.path.toLowerCase()) ||
      hostOf(request.host, canonical.protocol) === canonical.host
    ) {
      next();
      return;
    }
    const asked = new URL(request.originalUrl, 'http://asked.invalid');
    const target = new URL(canonical.origin);
    target.pathname = asked.pathname;
    target.search = asked.search;
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, target.href);
  };
}

/** The host (with a port other than the protocol's default) of a Host header; null if malformed. */
function hostOf(header: string | undefined, protocol: string): string | null {
  if (!header || /[/?#@\\\s]/.test(header)) {
    return null;
  }
  try {
    return new URL(`${protocol}//${header}`).host;
  } catch {
    return null;
  }
}

/**
 * Serves the built Angular app on the API's port: files as they are, hashed files cached for a year,
 * and `index.html` for every other GET that is not an API route or a file, so that app routes such
 * as `/datenschutz` survive a reload. Only static files are compressed; API answers are not, since
 * they may carry secrets next to attacker-influenced text (BREACH).
 */
/** Name of the meta element that tells the page whether this browser has a session. */
export const SESSION_META = 'confidant-session';

/** What the page needs to know before its first paint, without asking the API. */
export interface PageContext {
  /** PUBLIC_URL: pages asked for under another host are redirected there. */
  publicUrl: string;
  centre: () => Promise<CentreResponse>;
  /** Whether the request carries a live session (no details: the page stays free of secrets). */
  hasSession: (request: Request) => Promise<boolean>;
}

export function serveWebApp(
  app: NestExpressApplication,
  webDir: string,
  context: PageContext,
): boolean {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Web').warn(`No built web app in ${webDir}; only the API is served`);
    return false;
  }
  app.use(canonicalHost(context.publicUrl));
  const indexHtml = withInlineStyles(readFileSync(indexFile, 'utf8'), webDir);
  // With a prerendered landing page, the build keeps the plain shell for all other routes here.
  const shellFile = join(webDir, 'index.csr.html');
  const shellHtml = existsSync(shellFile)
    ? withInlineStyles(readFileSync(shellFile, 'utf8'), webDir)
    : indexHtml;

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
    Promise.all([context.centre(), context.hasSession(request)])
      .then(([settings, hasSession]) => {
        // The page differs per browser (session hint) and shows where she was: keep no copy.
        response.setHeader('Cache-Control', 'no-store');
        const page = request.path === '/' ? indexHtml : shellHtml;
        response.type('html').send(withSessionHint(withCentre(page, settings), hasSession));
      })
      .catch(next);
  });
  return true;
}

/**
 * Puts the centre's public settings into the page, so that its name, phone number and promise
 * appear in the first paint, without a request and without the layout moving afterwards.
 */
export function withCentre(html: string, centre: CentreResponse): string {
  const content = JSON.stringify(centre)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return html.replace('</head>', `<meta name="${CENTRE_META}" content="${content}"></head>`);
}

/** Tells the page whether to ask for the session at all: visitors without one cause no request. */
export function withSessionHint(html: string, hasSession: boolean): string {
  return html.replace(
    '</head>',
    `<meta name="${SESSION_META}" content="${hasSession ? 'present' : 'none'}"></head>`,
  );
}

/**
 * Puts the global stylesheet into the page: the first paint needs it, and fetching it separately
 * costs a round trip on a slow mobile connection. (Inline styles are allowed by the CSP; inline
 * scripts are not, and there are none.)
 */
function withInlineStyles(html: string, webDir: string): string {
  return html.replace(
    /<link rel="stylesheet" href="(styles-[A-Z0-9]{8}\.css)"[^>]*>/,
    (link, file: string) => {
      const path = join(webDir, file);
      return existsSync(path)
        ? `<style>${readFileSync(path, 'utf8').replace(/<\/style/gi, '<\\/style')}</style>`
        : link;
    },
  );
}
