import { INestApplication } from '@nestjs/common';
import { ChatGateway } from '@confidant/api/chat-gateway';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How long a stop waits for the requests in flight before it cuts their connections. */
export const SHUTDOWN_GRACE_MS = 8000;

/**
 * Prepares the stop of a portal (SIGTERM from a service manager, an update, a scale-in) and
 * returns it. Call before `listen`, so that every answer can learn that the stop has begun.
 *
 * The stop, in order:
 * 1. The server stops accepting connections; idle keep-alive connections close, and every answer
 *    from now on says `Connection: close`, so that no client keeps a connection open.
 * 2. Every live-chat socket hears `restarting` and loses its connection; socket.io in the
 *    browser reconnects by itself, to whichever server answers next.
 * 3. Requests in flight finish (their clients get their answers); after `graceMs` the remaining
 *    connections are cut.
 * 4. Nest's shutdown hooks run and the database closes (SQLite's file, PostgreSQL's pool).
 *
 * Calling it again returns the same promise.
 */
export function prepareStop(
  app: INestApplication,
  graceMs = SHUTDOWN_GRACE_MS,
): () => Promise<void> {
  const server: Server = app.getHttpServer();
  let stopping: Promise<void> | undefined;
  const answering = new Set<ServerResponse>();
  const keepNoConnection = (response: ServerResponse) => {
    if (!response.headersSent) {
      response.setHeader('Connection', 'close');
    }
  };
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (stopping) {
      keepNoConnection(response);
    } else {
      answering.add(response);
      response.once('close', () => answering.delete(response));
    }
  });
  return () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      answering.forEach(keepNoConnection);
      app.get(ChatGateway, { strict: false }).restarting();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(cut);
      await app.close();
    })();
    return stopping;
  };
}
