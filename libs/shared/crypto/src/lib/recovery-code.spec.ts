import fc from 'fast-check';
import { RecoveryCodeError } from './errors';
import { formatRecoveryCode, generateRecoveryCode, parseRecoveryCode } from './recovery-code';

function problemOf(input: string): RecoveryCodeError | undefined {
  try {
    parseRecoveryCode(input);
  } catch (error) {
    if (error instanceof RecoveryCodeError) return error;
    throw error;
  }
  return undefined;
}

const BYTES = new Uint8Array([
  0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6,
  0x75, 0xbe, 0x77, 0xdf,
]);
const TEXT = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';

describe('recovery code', () => {
  it('is 20 random bytes shown as 32 Crockford characters in eight groups of four', () => {
    const code = generateRecoveryCode();
    expect(code.bytes.length).toBe(20);
    expect(code.text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryCode(code.text)).toEqual(code.bytes);
  });

  it('is fresh every time', () => {
    const texts = new Set(Array.from({ length: 50 }, () => generateRecoveryCode().text));
    expect(texts.size).toBe(50);
  });

  it('formats known bytes using the whole alphabet', () => {
    expect(formatRecoveryCode(BYTES)).toBe(TEXT);
  });

  it('reads what a person types: case, spaces, hyphens, dashes, line breaks', () => {
    for (const typed of [
      TEXT,
      TEXT.toLowerCase(),
      TEXT.replace(/-/g, ' '),
      TEXT.replace(/-/g, ''),
      ` ${TEXT.replace(/-/g, ' – ')}\n`,
      TEXT.slice(0, 19) + '\n' + TEXT.slice(20),
    ]) {
      expect(parseRecoveryCode(typed)).toEqual(BYTES);
    }
  });

  it('reads O as 0 and I or L as 1, in either case', () => {
    for (const typed of [
      'O' + TEXT.slice(1),
      'o' + TEXT.slice(1),
      TEXT.replace('1', 'I'),
      TEXT.replace('1', 'i'),
      TEXT.replace('1', 'L'),
      TEXT.replace('1', 'l'),
    ]) {
      expect(parseRecoveryCode(typed)).toEqual(BYTES);
    }
  });

  it('reports an invalid character with its position as typed, without guessing', () => {
    const typed = TEXT.replace('V', 'U'); // U is not Crockford; it is not read as V
    const error = problemOf(typed);
    expect(error).toBeInstanceOf(RecoveryCodeError);
    expect(error?.code).toBe('recovery-code');
    expect(error?.problem).toBe('character');
    expect(error?.position).toBe(typed.indexOf('U') + 1);
    expect(error?.message).not.toContain('U');
  });

  it('reports non-ASCII look-alikes instead of reading them', () => {
    const typed = TEXT.replace('A', 'А'); // Cyrillic A
    expect(problemOf(typed)?.position).toBe(typed.indexOf('А') + 1);
    expect(problemOf(TEXT.replace('1', 'ı'))?.problem).toBe('character');
  });

  it('reports a missing or extra character as a wrong length', () => {
    expect(problemOf(TEXT.slice(0, -1))).toMatchObject({ problem: 'length', found: 31 });
    expect(problemOf(TEXT + '0')).toMatchObject({ problem: 'length', found: 33 });
    expect(problemOf('')).toMatchObject({ problem: 'length', found: 0 });
  });

  it('round-trips any 20 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        expect(parseRecoveryCode(formatRecoveryCode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses to format anything but 20 bytes', () => {
    expect(() => formatRecoveryCode(new Uint8Array(19))).toThrow('20 bytes');
  });
});
