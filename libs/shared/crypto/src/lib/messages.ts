import { decodeUtf8, encodeUtf8 } from './encoding';
import { type AesEnvelope, makeAesEnvelope, parseAesEnvelope } from './envelope';
import { CryptoError } from './errors';
import { aesGcmDecrypt, aesGcmEncrypt, randomBytes } from './primitives';
import { IV_BYTES, MESSAGE_AAD_PREFIX } from './protocol';

/** Where a message belongs; bound to its ciphertext as additional data. */
export interface MessageContext {
  conversationId: string;
  /** UUID made by the sending client (a retried send keeps it). */
  messageId: string;
  /** Account id of the author. */
  senderId: string;
}

/** Message plaintext: JSON with a `text`; later protocol versions may add optional fields. */
export interface MessageContent {
  text: string;
  readonly [field: string]: unknown;
}

function checkId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes('|')) {
    throw new CryptoError('format', `${name} must be a non-empty string without "|".`);
  }
  return value;
}

/**
 * The additional data of a message: "confidant/v1/msg|" + conversationId + "|" + messageId + "|"
 * + senderId. Identifiers must be non-empty and must not contain "|", so that two different
 * contexts can never produce the same string (CryptoError `format` otherwise).
 */
export function messageAad(context: MessageContext): string {
  return (
    MESSAGE_AAD_PREFIX +
    checkId('conversationId', context?.conversationId) +
    '|' +
    checkId('messageId', context?.messageId) +
    '|' +
    checkId('senderId', context?.senderId)
  );
}

function checkContent(content: unknown): MessageContent {
  if (
    typeof content !== 'object' ||
    content === null ||
    Array.isArray(content) ||
    typeof (content as { text?: unknown }).text !== 'string'
  ) {
    throw new CryptoError('format', 'Message content must be an object with a string "text".');
  }
  return content as MessageContent;
}

/**
 * @internal Encrypts a message with a given iv. Test vectors only: the public API always uses a
 * fresh iv, because reusing one under the same conversation key breaks AES-GCM.
 */
export async function encryptMessageWithIv(
  conversationKey: CryptoKey,
  context: MessageContext,
  content: MessageContent,
  iv: Uint8Array,
): Promise<AesEnvelope> {
  const aad = messageAad(context);
  const plaintext = encodeUtf8(JSON.stringify(checkContent(content)));
  const ct = await aesGcmEncrypt(conversationKey, iv, plaintext, aad);
  return makeAesEnvelope(iv, ct);
}

/**
 * Encrypts a message (JSON `{"text": …}`) under the conversation key with a fresh 96-bit iv. The
 * conversation id, message id and sender id are bound as additional data, so the server cannot
 * move the message to another conversation, replay it under another id or attribute it to
 * someone else without decryption failing.
 */
export async function encryptMessage(
  conversationKey: CryptoKey,
  context: MessageContext,
  content: MessageContent,
): Promise<AesEnvelope> {
  return encryptMessageWithIv(conversationKey, context, content, randomBytes(IV_BYTES));
}

/**
 * Decrypts a message envelope from the server for the context the server claims. Never crashes on
 * hostile input: every failure is a CryptoError that the UI can show as "this message cannot be
 * opened": `version`, `format`, `base64` or `length` for a malformed envelope; `auth` for a wrong
 * key, any altered byte, or a message moved to another conversation, id or sender; `format` for a
 * plaintext that is not a JSON object with a string `text`.
 */
export async function decryptMessage(
  conversationKey: CryptoKey,
  context: MessageContext,
  envelope: unknown,
): Promise<MessageContent> {
  const aad = messageAad(context);
  const { iv, ct } = parseAesEnvelope(envelope);
  const plaintext = await aesGcmDecrypt(conversationKey, iv, ct, aad);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(plaintext));
  } catch (cause) {
    throw new CryptoError('format', 'Message plaintext is not JSON.', {
      cause,
    });
  }
  return checkContent(parsed);
}
