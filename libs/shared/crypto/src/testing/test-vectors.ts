/**
 * Shape of the committed protocol v1 test vectors (`libs/shared/crypto/test-vectors/v1.json`).
 * Binary values are unpadded base64url. Envelopes are exactly what travels on the wire.
 */
import type { AesEnvelope, SealedEnvelope } from '../lib/envelope';
import type { CryptoErrorCode } from '../lib/errors';
import type { MessageContent, MessageContext } from '../lib/messages';

/** A P-256 key pair given as input: raw public point and PKCS#8 private key. */
export interface VectorKeyPair {
  publicKey: string;
  privateKeyPkcs8: string;
}

/** A sealed envelope plus the ephemeral private key that made it (to reproduce it). */
export interface VectorSeal {
  /** Which vector key pair the envelope is sealed to. */
  recipient: 'client' | 'counsellor' | 'team';
  ephemeralPrivateKeyPkcs8: string;
  envelope: SealedEnvelope;
}

/** A message and its envelope. */
export interface VectorMessage {
  name: string;
  context: MessageContext;
  content: MessageContent;
  /** The exact UTF-8 JSON that is encrypted. */
  plaintextJson: string;
  envelope: AesEnvelope;
}

/** Which private or wrapping key an invalid envelope is opened with. */
export type VectorOpener =
  | 'message'
  | 'wrapped-private-key'
  | 'conversation-key:client'
  | 'conversation-key:team'
  | 'conversation-key:counsellor'
  | 'team-key:counsellor'
  | 'team-key:team';

/** Input that every conforming client must refuse with the given error code. */
export interface VectorInvalid {
  name: string;
  open: VectorOpener;
  /** For `message`: the context claimed for it (default: the first message's). */
  context?: MessageContext;
  envelope: unknown;
  error: CryptoErrorCode;
}

export interface TestVectorsV1 {
  protocol: 'confidant/v1';
  description: string;
  account: {
    /** As typed; not NFKC-normalised. */
    password: string;
    /** NFKC form of `password`; must give the same keys. */
    passwordNfkc: string;
    kdfSalt: string;
    kdfIterations: number;
    authKey: string;
  };
  recovery: {
    /** The 20 secret bytes. */
    code: string;
    /** As shown to the user. */
    text: string;
    /** As a user might type it; must read as `code`. */
    typed: string;
    recoveryVerifier: string;
  };
  client: VectorKeyPair & {
    /** Under the `wrapKey` of `account`. */
    wrappedPrivateKey: AesEnvelope;
    /** Under the recovery key of `recovery`. */
    recoveryWrappedPrivateKey: AesEnvelope;
  };
  counsellor: VectorKeyPair;
  team: VectorKeyPair & {
    /** The team private key sealed to the counsellor (purpose team-key). */
    grant: VectorSeal;
  };
  conversation: {
    id: string;
    /** The raw 32-byte AES key. */
    key: string;
    sealedForClient: VectorSeal;
    sealedForTeam: VectorSeal;
  };
  messages: VectorMessage[];
  invalid: VectorInvalid[];
}
