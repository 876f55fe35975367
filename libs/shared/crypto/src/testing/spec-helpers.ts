/**
 * Small helpers shared by the specs. Test-only; not exported from the package entry point.
 */
import { fromBase64Url, toBase64Url } from '../lib/encoding';
import { CryptoError } from '../lib/errors';

/** The CryptoError code an action fails with, `undefined` if it succeeds, or a crash marker. */
export async function errorCode(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof CryptoError ? error.code : `crash: ${String(error)}`;
  }
  return undefined;
}

/** Number of bytes in a base64url field. */
export function byteLength(field: string): number {
  return fromBase64Url(field).length;
}

/** A base64url field with the lowest bit of byte `index` flipped. */
export function flipBit(field: string, index: number, bit = 0): string {
  const bytes = fromBase64Url(field);
  bytes[index] ^= 1 << bit;
  return toBase64Url(bytes);
}

/** A string with the lowest bit of character `index` flipped. */
export function flipChar(text: string, index: number): string {
  return (
    text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ 1) + text.slice(index + 1)
  );
}
