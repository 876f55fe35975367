export {
  CryptoError,
  RecoveryCodeError,
  type CryptoErrorCode,
  type RecoveryCodeProblem,
} from './lib/errors';
export {
  AAD_IDENTITY,
  AUTH_KEY_BYTES,
  CONVERSATION_KEY_BYTES,
  DEFAULT_KDF_ITERATIONS,
  HKDF_INFO_AUTH,
  HKDF_INFO_RECOVERY,
  HKDF_INFO_RECOVERY_AUTH,
  HKDF_INFO_WRAP,
  IV_BYTES,
  KDF_SALT_BYTES,
  MAX_KDF_ITERATIONS,
  MESSAGE_AAD_PREFIX,
  PROTOCOL_VERSION,
  PUBLIC_KEY_BYTES,
  RECOVERY_CODE_BYTES,
  RECOVERY_CODE_CHARS,
  RECOVERY_VERIFIER_BYTES,
  SEAL_CONTEXT_PREFIX,
  TAG_BYTES,
  sealContext,
  type SealPurpose,
} from './lib/protocol';
export {
  decodeUtf8,
  encodeUtf8,
  fromBase64Url,
  fromCrockfordBase32,
  toBase64Url,
  toCrockfordBase32,
} from './lib/encoding';
export {
  isAesEnvelope,
  isSealedEnvelope,
  parseAesEnvelope,
  parseSealedEnvelope,
  type AesEnvelope,
  type ParsedAesEnvelope,
  type ParsedSealedEnvelope,
  type SealedEnvelope,
} from './lib/envelope';
export {
  formatRecoveryCode,
  generateRecoveryCode,
  parseRecoveryCode,
  type RecoveryCode,
} from './lib/recovery-code';
export {
  deriveAccountKeys,
  deriveRecoveryKeys,
  newKdfParams,
  type AccountKeys,
  type DeriveAccountKeysOptions,
  type KdfParams,
  type RecoveryKeys,
} from './lib/account-keys';
export {
  createIdentity,
  exportPublicKey,
  generateIdentityKeyPair,
  importPublicKey,
  rewrapPrivateKey,
  unwrapPrivateKey,
  wrapPrivateKey,
  type NewIdentity,
} from './lib/identity';
export {
  createConversationKey,
  createTeamKey,
  grantTeamKey,
  openConversationKey,
  openTeamKey,
  resealConversationKey,
  type NewConversationKey,
  type NewTeamKey,
} from './lib/seal';
export {
  decryptMessage,
  encryptMessage,
  messageAad,
  type MessageContent,
  type MessageContext,
} from './lib/messages';
