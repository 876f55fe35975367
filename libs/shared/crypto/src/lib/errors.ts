/**
 * Why an operation of the protocol refused to go on.
 *
 * - `version`: the envelope says it is not protocol v1.
 * - `format`: not an envelope or plaintext of the expected shape (missing, unknown or mistyped
 *   field, an invalid ephemeral point, an identifier that could make additional data ambiguous).
 * - `length`: a binary field or key has the wrong number of bytes.
 * - `base64`: a binary field is not canonical, unpadded base64url.
 * - `auth`: AES-GCM authentication failed: wrong key, tampered data, or the data was moved to
 *   another context (conversation, message, sender, purpose).
 * - `key`: a key given by the caller or found inside a decrypted payload is unusable.
 * - `kdf`: key-derivation parameters are unsafe or invalid (for example too few iterations).
 * - `recovery-code`: a recovery code could not be read (see {@link RecoveryCodeError}).
 * - `unsupported`: WebCrypto is not available (in a browser: the page is not a secure context).
 */
export type CryptoErrorCode =
  | 'version'
  | 'format'
  | 'length'
  | 'base64'
  | 'auth'
  | 'key'
  | 'kdf'
  | 'recovery-code'
  | 'unsupported';

/**
 * The only error type this library throws on purpose. Every failure to parse or open data that
 * came from outside (server, database, another client) ends up here, so a UI can catch it and show
 * "this message cannot be opened" instead of crashing. Messages never contain key material,
 * plaintext or recovery-code characters, so they are safe to log.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** Why a typed recovery code was refused: wrong number of characters, or an invalid character. */
export type RecoveryCodeProblem = 'length' | 'character';

/**
 * A recovery code that cannot be read. Carries what the UI needs to point at the typo (the
 * 1-based position in the text as typed, or the number of code characters found) without
 * guessing a correction and without repeating any character of the code.
 */
export class RecoveryCodeError extends CryptoError {
  readonly problem: RecoveryCodeProblem;
  /** 1-based position in the input as typed, for `problem === 'character'`. */
  readonly position?: number;
  /** How many code characters were found, for `problem === 'length'`. */
  readonly found?: number;

  constructor(
    problem: RecoveryCodeProblem,
    details: { position?: number; found?: number },
    message: string,
  ) {
    super('recovery-code', message);
    this.name = 'RecoveryCodeError';
    this.problem = problem;
    this.position = details.position;
    this.found = details.found;
  }
}
