import fc from 'fast-check';
import {
  decodeUtf8,
  encodeUtf8,
  fromBase64Url,
  fromCrockfordBase32,
  toBase64Url,
  toCrockfordBase32,
} from './encoding';
import { CryptoError } from './errors';

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof CryptoError ? error.code : 'not a CryptoError';
  }
  return undefined;
}

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes the RFC 4648 vector %j as %j without padding', (text, b64) => {
    expect(toBase64Url(ascii(text))).toBe(b64);
    expect(fromBase64Url(b64)).toEqual(ascii(text));
  });

  it('uses the URL-safe alphabet', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(fromBase64Url('-_-_')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet +', 'a+b/'],
    ['whitespace', 'Zm9v Yg'],
    ['a newline', 'Zm9v\n'],
    ['an impossible length', 'Zm9vY'],
    ['non-zero trailing bits', 'Zh'],
    ['non-zero trailing bits (2 bytes)', 'Zm9'],
    ['a non-ASCII letter', 'Zm9vé'],
  ])('refuses %s with code base64', (_, text) => {
    expect(codeOf(() => fromBase64Url(text))).toBe('base64');
  });

  it('refuses a non-string with code format', () => {
    expect(codeOf(() => fromBase64Url(42 as unknown as string))).toBe('format');
  });
});

describe('UTF-8', () => {
  it('round-trips unicode, including characters outside the BMP', () => {
    const text = 'Grüße 👩‍👩‍👧 مرحبا';
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(codeOf(() => decodeUtf8(new Uint8Array([0x61, 0xff])))).toBe('format');
    expect(codeOf(() => decodeUtf8(new Uint8Array([0xc3])))).toBe('format');
  });
});

describe('Crockford base32', () => {
  it('encodes most significant bits first with the Crockford alphabet', () => {
    expect(toCrockfordBase32(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(toCrockfordBase32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe('ZZZZZZZZ');
    expect(toCrockfordBase32(new Uint8Array([0x08, 0x86, 0x42, 0x98, 0xe8]))).toBe('12345678');
    expect(toCrockfordBase32(ascii('foobar'))).toBe('CSQPYRK1E8');
  });

  it('round-trips any bytes and never uses I, L, O or U', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toCrockfordBase32(bytes);
        expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
        expect(fromCrockfordBase32(text)).toEqual(bytes);
      }),
    );
  });

  it('is strict: no look-alikes, no lower case, no separators', () => {
    for (const text of ['CSQPYRKIE8', 'csqpyrk1e8', 'CSQP-YRK1E8', 'CSQPYRKUE8']) {
      expect(codeOf(() => fromCrockfordBase32(text))).toBe('format');
    }
  });
});
