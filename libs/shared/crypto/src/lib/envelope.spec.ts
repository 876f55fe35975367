import { toBase64Url } from './encoding';
import { isAesEnvelope, isSealedEnvelope, parseAesEnvelope, parseSealedEnvelope } from './envelope';
import { CryptoError } from './errors';

const b64 = (length: number, first = 7) => {
  const bytes = new Uint8Array(length).fill(7);
  bytes[0] = first;
  return toBase64Url(bytes);
};
const AES = { v: 1, iv: b64(12), ct: b64(16) };
const SEALED = { v: 1, epk: b64(65, 4), iv: b64(12), ct: b64(48) };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof CryptoError ? error.code : `crash: ${String(error)}`;
  }
  return undefined;
}

describe('parseAesEnvelope', () => {
  it('decodes a well-formed envelope', () => {
    const parsed = parseAesEnvelope(AES);
    expect(parsed.iv).toEqual(new Uint8Array(12).fill(7));
    expect(parsed.ct.length).toBe(16);
    expect(isAesEnvelope(AES)).toBe(true);
  });

  it('accepts ct longer than the tag', () => {
    expect(parseAesEnvelope({ ...AES, ct: b64(100_000) }).ct.length).toBe(100_000);
  });

  it.each<[string, unknown, string]>([
    ['version 2', { ...AES, v: 2 }, 'version'],
    ['version 0 with extra fields', { v: 0, other: true }, 'version'],
    ['version as string', { ...AES, v: '1' }, 'format'],
    ['no version', { iv: AES.iv, ct: AES.ct }, 'format'],
    ['unknown field', { ...AES, tag: 'x' }, 'format'],
    ['a sealed envelope', SEALED, 'format'],
    ['missing iv', { v: 1, ct: AES.ct }, 'format'],
    ['missing ct', { v: 1, iv: AES.iv }, 'format'],
    ['ct as bytes', { ...AES, ct: [1, 2, 3] }, 'format'],
    ['iv null', { ...AES, iv: null }, 'format'],
    ['undefined', undefined, 'format'],
    ['null', null, 'format'],
    ['a string', JSON.stringify(AES), 'format'],
    ['an array', [1, AES.iv, AES.ct], 'format'],
    ['a number', 1, 'format'],
    ['iv of 11 bytes', { ...AES, iv: b64(11) }, 'length'],
    ['iv of 13 bytes', { ...AES, iv: b64(13) }, 'length'],
    ['empty iv', { ...AES, iv: '' }, 'length'],
    ['ct of 15 bytes', { ...AES, ct: b64(15) }, 'length'],
    ['empty ct', { ...AES, ct: '' }, 'length'],
    ['padded iv', { ...AES, iv: b64(12) + '==' }, 'base64'],
    ['iv in standard base64', { ...AES, iv: '+/' + AES.iv.slice(2) }, 'base64'],
    ['ct with a space', { ...AES, ct: ' ' + AES.ct }, 'base64'],
  ])('refuses %s with %s', (_, input, code) => {
    expect(codeOf(() => parseAesEnvelope(input))).toBe(code);
    expect(isAesEnvelope(input)).toBe(false);
  });

  it('ignores inherited properties and is not fooled by __proto__', () => {
    const parsed = JSON.parse(`{"v":1,"iv":"${AES.iv}","ct":"${AES.ct}","__proto__":{"x":1}}`);
    expect(codeOf(() => parseAesEnvelope(parsed))).toBe('format');
    const inherited = Object.assign(Object.create({ extra: 1 }), AES);
    expect(parseAesEnvelope(inherited).iv.length).toBe(12);
  });
});

describe('parseSealedEnvelope', () => {
  it('decodes a well-formed envelope', () => {
    const parsed = parseSealedEnvelope(SEALED);
    expect(parsed.epk.length).toBe(65);
    expect(parsed.epk[0]).toBe(4);
    expect(isSealedEnvelope(SEALED)).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['version 2', { ...SEALED, v: 2 }, 'version'],
    ['an AES envelope', AES, 'format'],
    ['unknown field', { ...SEALED, kid: 'a' }, 'format'],
    ['epk not a string', { ...SEALED, epk: 4 }, 'format'],
    ['epk of 64 bytes', { ...SEALED, epk: b64(64, 4) }, 'length'],
    ['epk of 66 bytes', { ...SEALED, epk: b64(66, 4) }, 'length'],
    ['compressed epk (33 bytes)', { ...SEALED, epk: b64(33, 2) }, 'length'],
    ['epk with prefix 0x02', { ...SEALED, epk: b64(65, 2) }, 'format'],
    ['epk with prefix 0x00', { ...SEALED, epk: b64(65, 0) }, 'format'],
    ['epk in standard base64', { ...SEALED, epk: SEALED.epk.replace(/.$/, '+') }, 'base64'],
    ['iv of 16 bytes', { ...SEALED, iv: b64(16) }, 'length'],
    ['ct of 15 bytes', { ...SEALED, ct: b64(15) }, 'length'],
  ])('refuses %s with %s', (_, input, code) => {
    expect(codeOf(() => parseSealedEnvelope(input))).toBe(code);
    expect(isSealedEnvelope(input)).toBe(false);
  });
});
