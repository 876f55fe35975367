import { json, type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';

/** Deepest nesting of arrays and objects a JSON body may have; envelopes need three levels. */
export const MAX_JSON_DEPTH = 32;

/** Largest JSON body the API accepts; message envelopes are limited further by their routes. */
export const JSON_BODY_LIMIT = '256kb';

/** Largest body of a credential route: names, keys and wrapped keys need about 2 KB. */
export const CREDENTIAL_BODY_LIMIT = '8kb';

/** The routes that take credentials, under the API prefix (see `CredentialRoute` in api-auth). */
export const CREDENTIAL_PATHS = ['auth', 'setup', 'staff/register'];

/** An error of the `http-errors` kind, which body-parser passes on with its own status. */
class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';

  constructor() {
    super(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deep the arrays and objects of a JSON text nest, stopping as soon as `limit` is passed. One
 * pass over the bytes, outside of strings; whether the text is valid JSON is the parser's business.
 */
export function jsonDepthExceeds(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) {
        i++;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) {
        return true;
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/**
 * body-parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH before it is
 * parsed, so that neither the parser nor the validation walks it (400, a few microseconds).
 */
export function refuseDeepJson(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw new JsonTooDeepError();
  }
}

/** Whether the body is declared as `application/json`, which is what the second parser reads. */
function isJsonType(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * The JSON body parsers of the API, in order: credential routes first, with their small limit
 * (a huge name is refused with 413 before anything reads it), then everything else. Both refuse
 * deep nesting. A body the first parser has read is not read again by the second.
 */
export function jsonBodyParsers(apiPrefix: string): RequestHandler[] {
  const credentialPrefixes = CREDENTIAL_PATHS.map((path) => `/${apiPrefix}/${path}`);
  const isCredentialRoute = (request: IncomingMessage): boolean => {
    const path = (request.url ?? '').split('?')[0];
    return credentialPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  };
  return [
    json({
      limit: CREDENTIAL_BODY_LIMIT,
      verify: refuseDeepJson,
      type: (request) => isCredentialRoute(request) && isJsonType(request),
    }),
    json({ limit: JSON_BODY_LIMIT, verify: refuseDeepJson }),
  ];
}
