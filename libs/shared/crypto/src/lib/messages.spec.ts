import fc from 'fast-check';
import { encodeUtf8 } from './encoding';
import { makeAesEnvelope, parseAesEnvelope } from './envelope';
import {
  decryptMessage,
  encryptMessage,
  messageAad,
  type MessageContent,
  type MessageContext,
} from './messages';
import { aesGcmDecrypt, aesGcmEncrypt, importAesKey, randomBytes } from './primitives';
import { byteLength, errorCode, flipBit, flipChar } from '../testing/spec-helpers';

const CONTEXT: MessageContext = {
  conversationId: '6f1c0d7e-3b8a-4c39-9d2e-0a4b5c6d7e8f',
  messageId: '0b6a4f1e-8d2c-4e7a-9b3f-5c1d2e3f4a5b',
  senderId: '1d2e3f40-5162-4738-899a-abbccddeeff0',
};

/** What the message goes through on its way: JSON over HTTP and into the database. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('messages', () => {
  let key: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    key = await importAesKey(randomBytes(32), false);
    otherKey = await importAesKey(randomBytes(32), false);
  });

  async function roundTrip(content: MessageContent): Promise<MessageContent> {
    const envelope = await encryptMessage(key, CONTEXT, content);
    return decryptMessage(key, CONTEXT, overTheWire(envelope));
  }

  it('round-trips a text', async () => {
    expect(await roundTrip({ text: 'Hallo, ich brauche Hilfe.' })).toEqual({
      text: 'Hallo, ich brauche Hilfe.',
    });
  });

  it('keeps later optional fields', async () => {
    const content = { text: 'Termin bestätigt.', replyTo: 'm-0', tags: ['a'] };
    expect(await roundTrip(content)).toEqual(content);
  });

  it('binds the additional data "confidant/v1/msg|conversationId|messageId|senderId"', async () => {
    expect(messageAad(CONTEXT)).toBe(
      `confidant/v1/msg|${CONTEXT.conversationId}|${CONTEXT.messageId}|${CONTEXT.senderId}`,
    );
    const envelope = await encryptMessage(key, CONTEXT, { text: 'x' });
    const { iv, ct } = parseAesEnvelope(envelope);
    const plaintext = await aesGcmDecrypt(key, iv, ct, messageAad(CONTEXT));
    expect(new TextDecoder().decode(plaintext)).toBe('{"text":"x"}');
  });

  describe('cannot be opened', () => {
    let envelope: unknown;

    beforeAll(async () => {
      envelope = overTheWire(await encryptMessage(key, CONTEXT, { text: 'geheim' }));
    });

    it.each<[string, Partial<MessageContext>]>([
      ['moved to another conversation', { conversationId: '7a2d1e8f-4c9b-4d40-8e3f-1b5c6d7e8f90' }],
      ['attributed to another sender', { senderId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f2a3b4c5d' }],
      ['replayed under another message id', { messageId: '2c7b5a3f-9e1d-4f8b-8c4a-6d2e3f4a5b6c' }],
      [
        'with conversation and message id swapped',
        { conversationId: CONTEXT.messageId, messageId: CONTEXT.conversationId },
      ],
    ])('when %s', async (_, change) => {
      expect(await errorCode(() => decryptMessage(key, { ...CONTEXT, ...change }, envelope))).toBe(
        'auth',
      );
    });

    it('with the wrong key', async () => {
      expect(await errorCode(() => decryptMessage(otherKey, CONTEXT, envelope))).toBe('auth');
    });

    it('when any bit of any iv or ct byte is altered', async () => {
      const env = envelope as { v: 1; iv: string; ct: string };
      const codes = new Set<string | undefined>();
      for (const field of ['iv', 'ct'] as const) {
        for (let i = 0; i < byteLength(env[field]); i++) {
          for (let bit = 0; bit < 8; bit++) {
            const altered = { ...env, [field]: flipBit(env[field], i, bit) };
            codes.add(await errorCode(() => decryptMessage(key, CONTEXT, altered)));
          }
        }
      }
      expect([...codes]).toEqual(['auth']);
    });

    it('when any byte of the additional data differs', async () => {
      const { iv, ct } = parseAesEnvelope(envelope);
      const aad = messageAad(CONTEXT);
      const codes = new Set<string | undefined>();
      for (let i = 0; i < aad.length; i++) {
        codes.add(await errorCode(() => aesGcmDecrypt(key, iv, ct, flipChar(aad, i))));
      }
      codes.add(await errorCode(() => aesGcmDecrypt(key, iv, ct, aad + '0')));
      codes.add(await errorCode(() => aesGcmDecrypt(key, iv, ct, aad.slice(0, -1))));
      expect([...codes]).toEqual(['auth']);
    });

    it('when truncated or extended', async () => {
      const env = envelope as { v: 1; iv: string; ct: string };
      const { iv, ct } = parseAesEnvelope(env);
      const shorter = makeAesEnvelope(iv, ct.slice(0, -1));
      const longer = makeAesEnvelope(iv, new Uint8Array([...ct, 0]));
      expect(await errorCode(() => decryptMessage(key, CONTEXT, shorter))).toBe('auth');
      expect(await errorCode(() => decryptMessage(key, CONTEXT, longer))).toBe('auth');
    });
  });

  describe('identifiers', () => {
    it('must not contain "|", so that contexts cannot collide', async () => {
      const a = { conversationId: 'a|b', messageId: 'c', senderId: 's' };
      const b = { conversationId: 'a', messageId: 'b|c', senderId: 's' };
      expect(await errorCode(() => encryptMessage(key, a, { text: 'x' }))).toBe('format');
      expect(await errorCode(() => encryptMessage(key, b, { text: 'x' }))).toBe('format');
      const env = await encryptMessage(key, CONTEXT, { text: 'x' });
      expect(await errorCode(() => decryptMessage(key, { ...CONTEXT, senderId: 'x|y' }, env))).toBe(
        'format',
      );
    });

    it('must be non-empty strings', async () => {
      for (const bad of ['', undefined, 42]) {
        const ctx = { ...CONTEXT, messageId: bad } as unknown as MessageContext;
        expect(await errorCode(() => encryptMessage(key, ctx, { text: 'x' }))).toBe('format');
      }
    });
  });

  describe('plaintext', () => {
    async function sealedPlaintext(bytes: Uint8Array): Promise<unknown> {
      const iv = randomBytes(12);
      return makeAesEnvelope(iv, await aesGcmEncrypt(key, iv, bytes, messageAad(CONTEXT)));
    }

    it.each([
      ['not JSON', encodeUtf8('Hallo')],
      ['a JSON string', encodeUtf8('"Hallo"')],
      ['a JSON array', encodeUtf8('[{"text":"Hallo"}]')],
      ['JSON null', encodeUtf8('null')],
      ['an object without text', encodeUtf8('{"body":"Hallo"}')],
      ['an object whose text is a number', encodeUtf8('{"text":42}')],
      ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x74, 0xff, 0x22, 0x7d])],
      ['empty', new Uint8Array(0)],
    ])('that is %s is refused with format', async (_, bytes) => {
      const env = await sealedPlaintext(bytes);
      expect(await errorCode(() => decryptMessage(key, CONTEXT, env))).toBe('format');
    });

    it('must have a string text when encrypting', async () => {
      for (const bad of [{ text: 42 }, { body: 'x' }, null, ['x'], 'x']) {
        expect(
          await errorCode(() => encryptMessage(key, CONTEXT, bad as unknown as MessageContent)),
        ).toBe('format');
      }
    });
  });

  it('uses a fresh iv for every message', async () => {
    const envelopes = await Promise.all(
      Array.from({ length: 1000 }, () => encryptMessage(key, CONTEXT, { text: 'same' })),
    );
    expect(new Set(envelopes.map((e) => e.iv)).size).toBe(1000);
    expect(new Set(envelopes.map((e) => e.ct)).size).toBe(1000);
  });

  describe('property: any plaintext round-trips exactly', () => {
    const check = (text: fc.Arbitrary<string>, numRuns?: number) =>
      fc.assert(
        fc.asyncProperty(text, async (t) => {
          expect((await roundTrip({ text: t })).text).toBe(t);
        }),
        { numRuns },
      );

    it('the empty text', () => check(fc.constant(''), 1));
    it('any Unicode code points, including astral ones', () =>
      check(fc.string({ unit: 'binary' })));
    it('grapheme clusters (emoji sequences, combining marks)', () =>
      check(fc.string({ unit: 'grapheme', maxLength: 200 })));
    it('lone surrogates and control characters', () =>
      check(
        fc.string({
          unit: fc.oneof(
            fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
            fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
            fc.constantFrom('"', '\\', '\u2028', '\ufeff'),
          ),
        }),
      ));
    it('64 KB of ASCII', () =>
      check(fc.string({ unit: 'binary-ascii', minLength: 65_536, maxLength: 65_536 }), 10));
    it('about 64 KB of UTF-8 from arbitrary code points', () =>
      check(fc.string({ unit: 'binary', minLength: 16_384, maxLength: 16_384 }), 10));
    it('exactly 64 KiB of UTF-8 with 1- to 4-byte characters', async () => {
      const text = 'aé€😀'.repeat(6553) + 'aaaaaa';
      expect(encodeUtf8(text).length).toBe(65_536);
      expect((await roundTrip({ text })).text).toBe(text);
    });
  });

  it('property: a single flipped bit anywhere in iv or ct always fails with auth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (text, inIv, position, bit) => {
          const env = await encryptMessage(key, CONTEXT, { text });
          const field = inIv ? 'iv' : 'ct';
          const index = position % byteLength(env[field]);
          const altered = { ...env, [field]: flipBit(env[field], index, bit) };
          expect(await errorCode(() => decryptMessage(key, CONTEXT, altered))).toBe('auth');
        },
      ),
    );
  });

  it('property: a message opens only in exactly the context it was written for', async () => {
    const id = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 40 })
      .filter((s) => !s.includes('|'));
    const context = fc.record({ conversationId: id, messageId: id, senderId: id });
    await fc.assert(
      fc.asyncProperty(context, fc.option(context), async (written, other) => {
        const claimed = other ?? { ...written };
        const env = await encryptMessage(key, written, { text: 'x' });
        const same =
          written.conversationId === claimed.conversationId &&
          written.messageId === claimed.messageId &&
          written.senderId === claimed.senderId;
        const code = await errorCode(() => decryptMessage(key, claimed, env));
        expect(code).toBe(same ? undefined : 'auth');
      }),
    );
  });
});
