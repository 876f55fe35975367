import { MAX_MESSAGE_BYTES } from '@confidant/shared/api-interfaces';
import { webcrypto } from 'node:crypto';
import {
  MAX_MESSAGE_CHARACTERS,
  messageFits,
  messageLength,
  messagePlaintextBytes,
} from './message-limit';

const CONTEXT = {
  conversationId: '6f1c1e2a-3b4d-4c5e-8f60-718293a4b5c6',
  messageId: '0b7f7a3e-7c6d-4b5a-9e8f-1a2b3c4d5e6f',
  senderId: 'client-1',
};

/** What the API does with an envelope (messages.service assertSize): decoded ct over 64 KB + tag is 413. */
function apiRefuses(ct: string): boolean {
  return Math.floor((ct.length * 3) / 4) > MAX_MESSAGE_BYTES + 16;
}

type Encrypt = typeof import('@confidant/shared/crypto').encryptMessage;

describe('message limit', () => {
  let key: CryptoKey;
  let encryptMessage: Encrypt;

  beforeAll(async () => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    }
    // The web app loads the crypto library lazily; so does this test.
    ({ encryptMessage } = await import('@confidant/shared/crypto'));
    key = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
  });

  async function ciphertextBytes(text: string): Promise<number> {
    const envelope = await encryptMessage(key, CONTEXT, { text });
    return Math.floor((envelope.ct.length * 3) / 4);
  }

  it.each([
    ['ASCII', 'Hallo, ich brauche Hilfe.'],
    ['umlauts and quotes', 'Größe „ß“ "zitiert" \\ Ende'],
    ['new lines and tabs', 'eins\nzwei\tdrei\r\n'],
    ['Arabic and Hebrew', 'مرحبا بالعالم שלום'],
    ['CJK', '我需要帮助。助けてください'],
    ['emoji with skin tone and joiner', '👍🏽 👩‍👩‍👧 🏳️‍🌈'],
    ['control characters', '\u0001\u0002\u001f\u007f'],
    ['broken surrogates', 'a\ud800b\udc00c'],
  ])('counts the encrypted size exactly for %s', async (_, text) => {
    expect(messagePlaintextBytes(text) + 16).toBe(await ciphertextBytes(text));
  });

  it('lets through exactly what the API accepts, at the byte boundary', async () => {
    // {"text":"…"} is 11 bytes around the text.
    const largest = 'a'.repeat(MAX_MESSAGE_BYTES - 11);
    const oneMore = `${largest}a`;
    // Over the characters either way; the byte check alone decides for these.
    expect(messagePlaintextBytes(largest)).toBe(MAX_MESSAGE_BYTES);
    expect(apiRefuses((await encryptMessage(key, CONTEXT, { text: largest })).ct)).toBe(false);
    expect(apiRefuses((await encryptMessage(key, CONTEXT, { text: oneMore })).ct)).toBe(true);
    expect(messagePlaintextBytes(oneMore)).toBe(MAX_MESSAGE_BYTES + 1);
  });

  it.each([
    ['ASCII', 'a'],
    ['umlauts', 'ä'],
    ['CJK, 3 bytes each', '字'],
    ['emoji, 4 bytes per pair', '😀'],
    ['Arabic', 'ب'],
  ])('20 000 characters of %s fit, and the API takes them', async (_, unit) => {
    const text = unit.repeat(MAX_MESSAGE_CHARACTERS / unit.length);
    expect(text.length).toBe(MAX_MESSAGE_CHARACTERS);
    expect(messageLength(text)).toBe('near');
    expect(apiRefuses((await encryptMessage(key, CONTEXT, { text })).ct)).toBe(false);
  });

  it('refuses a text within the characters that the API would refuse (control characters)', async () => {
    const text = '\u0001'.repeat(15_000);
    expect(messageLength(text)).toBe('too-large');
    expect(messageFits(messageLength(text))).toBe(false);
    expect(apiRefuses((await encryptMessage(key, CONTEXT, { text })).ct)).toBe(true);
    // The largest run of them that the API takes is still allowed.
    const fitting = '\u0001'.repeat(Math.floor((MAX_MESSAGE_BYTES - 11) / 6));
    expect(messageLength(fitting)).toBe('fits');
    expect(apiRefuses((await encryptMessage(key, CONTEXT, { text: fitting })).ct)).toBe(false);
  });

  it('shows the counter from 19 000 characters and refuses from 20 001', () => {
    expect(messageLength('a'.repeat(18_999))).toBe('fits');
    expect(messageLength('a'.repeat(19_000))).toBe('near');
    expect(messageLength('a'.repeat(20_000))).toBe('near');
    expect(messageLength('a'.repeat(20_001))).toBe('too-long');
    expect(messageFits('too-long')).toBe(false);
    expect(messageLength('a'.repeat(70_000))).toBe('too-long');
  });
});
