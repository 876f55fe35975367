/**
 * Wire constants of protocol v1 (DESIGN.md section 4, "wire details"). Independent clients must
 * use exactly these values; changing any of them breaks every stored envelope and the committed
 * test vectors.
 */

/** The `v` of every envelope. */
export const PROTOCOL_VERSION = 1;

/** HKDF info for the login secret sent instead of the password. */
export const HKDF_INFO_AUTH = 'confidant/v1/auth';
/** HKDF info for the AES-GCM key that wraps the identity private key. */
export const HKDF_INFO_WRAP = 'confidant/v1/wrap';
/** HKDF info for the AES-GCM key derived from the recovery code. */
export const HKDF_INFO_RECOVERY = 'confidant/v1/recovery';
/** HKDF info for the recovery verifier the server stores (as argon2id). */
export const HKDF_INFO_RECOVERY_AUTH = 'confidant/v1/recovery-auth';

/** Additional data of both wrapped copies of the identity private key. */
export const AAD_IDENTITY = 'confidant/v1/identity';
/** Prefix of the HKDF info and the additional data of a sealed envelope; the purpose follows. */
export const SEAL_CONTEXT_PREFIX = 'confidant/v1/seal|';
/** Prefix of a message's additional data: `prefix + conversationId|messageId|senderId`. */
export const MESSAGE_AAD_PREFIX = 'confidant/v1/msg|';

/** What a sealed envelope holds; part of its HKDF info and additional data. */
export type SealPurpose = 'team-key' | 'conversation-key';

/** HKDF info and additional data of a sealed envelope with the given purpose. */
export function sealContext(purpose: SealPurpose): string {
  return SEAL_CONTEXT_PREFIX + purpose;
}

/** Random salt per account for PBKDF2. */
export const KDF_SALT_BYTES = 16;
/** PBKDF2 iterations for new accounts, and the lowest count accepted by default. */
export const DEFAULT_KDF_ITERATIONS = 600_000;
/** Upper bound so that a hostile server cannot freeze the browser with a huge count. */
export const MAX_KDF_ITERATIONS = 10_000_000;
/** Length of `authKey`. */
export const AUTH_KEY_BYTES = 32;
/** Length of a recovery code's secret (160 bits). */
export const RECOVERY_CODE_BYTES = 20;
/** Crockford base32 characters of a recovery code (without separators). */
export const RECOVERY_CODE_CHARS = 32;
/** Length of the recovery verifier. */
export const RECOVERY_VERIFIER_BYTES = 32;
/** AES-GCM iv length (96 bits). */
export const IV_BYTES = 12;
/** AES-GCM tag length (128 bits), appended to `ct`. */
export const TAG_BYTES = 16;
/** Raw uncompressed P-256 point: 0x04 ‖ x ‖ y. */
export const PUBLIC_KEY_BYTES = 65;
/** Raw AES-256 conversation key. */
export const CONVERSATION_KEY_BYTES = 32;
