import { MAX_MESSAGE_BYTES } from '@confidant/shared/api-interfaces';

/**
 * The longest message in characters, counted as the browser counts a text field's length (UTF-16
 * code units: an emoji counts two). Every ordinary character takes at most 3 bytes per code unit in
 * the encrypted JSON, so 20 000 of them (60 011 bytes) always fit the API's 64 KB. Only control
 * characters and broken surrogates, which JSON writes as 6-byte `\uXXXX`, can make a shorter text
 * too large: {@link messageLength} checks the exact size as well, so the composer never sends what
 * the API would refuse.
 */
export const MAX_MESSAGE_CHARACTERS = 20_000;

/** From this many characters on, the composer shows how many she has written. */
export const MESSAGE_COUNTER_FROM = MAX_MESSAGE_CHARACTERS - 1_000;

/** JSON's worst case per code unit (`\u0001`), and the bytes of `{"text":""}` around the text. */
const MAX_BYTES_PER_UNIT = 6;
const JSON_FRAME_BYTES = 11;

/**
 * `fits`: sendable without comment; `near`: sendable, the counter shows; `too-long`: over
 * {@link MAX_MESSAGE_CHARACTERS}; `too-large`: within the characters but over the API's bytes.
 */
export type MessageLength = 'fits' | 'near' | 'too-long' | 'too-large';

/**
 * The size of what `encryptMessage` encrypts for this text: the UTF-8 bytes of `{"text": …}` as
 * `JSON.stringify` writes it (quotes, backslashes and control characters escaped, broken
 * surrogates as `\uXXXX`). The ciphertext is this plus the 16-byte tag.
 */
export function messagePlaintextBytes(text: string): number {
  const json = JSON.stringify({ text });
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      // JSON.stringify escapes lone surrogates, so a high surrogate here starts a pair: 4 bytes.
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Whether the composer may send this text, and whether to show the counter. */
export function messageLength(text: string): MessageLength {
  if (text.length > MAX_MESSAGE_CHARACTERS) {
    return 'too-long';
  }
  if (
    text.length * MAX_BYTES_PER_UNIT + JSON_FRAME_BYTES > MAX_MESSAGE_BYTES &&
    messagePlaintextBytes(text) > MAX_MESSAGE_BYTES
  ) {
    return 'too-large';
  }
  return text.length >= MESSAGE_COUNTER_FROM ? 'near' : 'fits';
}

/** Whether a text of this length class can be sent. */
export function messageFits(length: MessageLength): boolean {
  return length === 'fits' || length === 'near';
}
