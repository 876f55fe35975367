import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsAesEnvelope, IsBase64UrlBytes } from './validators';
import { WireBytes } from './wire-format';

/** Applies several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export const USERNAME_PATTERN = /^[\p{L}\p{N}._-]+$/u;
export const MIN_KDF_ITERATIONS = 1_000;
export const MAX_KDF_ITERATIONS = 10_000_000;

/** 3–32 letters, digits, `.`, `_` or `-`; surrounding spaces are dropped. */
export const UsernameField = () =>
  all(
    Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value)),
    IsString(),
    Length(3, 32, { message: 'username must be 3 to 32 characters long' }),
    Matches(USERNAME_PATTERN, {
      message: 'username may contain only letters, digits, ".", "_" and "-"',
    }),
  );

/** A display name that clients see for their counsellor. */
export const DisplayNameField = () =>
  all(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(1, 64, { message: 'displayName must be 1 to 64 characters long' }),
  );

export const AuthKeyField = () => IsBase64UrlBytes(WireBytes.authKey);
export const KdfSaltField = () => IsBase64UrlBytes(WireBytes.kdfSalt);
export const KdfIterationsField = () =>
  all(IsInt(), Min(MIN_KDF_ITERATIONS), Max(MAX_KDF_ITERATIONS));
export const PublicKeyField = () => IsBase64UrlBytes(WireBytes.publicKey);
export const RecoveryVerifierField = () => IsBase64UrlBytes(WireBytes.recoveryVerifier);
export const WrappedKeyField = () => IsAesEnvelope();
export const TokenField = () => IsBase64UrlBytes(WireBytes.token);

/** An e-mail address, as typed; stored only encrypted. */
export const EmailField = () =>
  all(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: 'email must be an e-mail address' }),
  );
