import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsString,
  isUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { all, IsAesEnvelope, IsBase64UrlBytes } from './validators';
import { WireBytes } from './wire-format';

export const USERNAME_PATTERN = /^[\p{L}\p{N}._-]+$/u;
export const MIN_KDF_ITERATIONS = 1_000;
export const MAX_KDF_ITERATIONS = 10_000_000;

/** 3–32 letters, digits, `.`, `_` or `-`; surrounding spaces are dropped. */
export const UsernameField = () =>
  all(
    ApiProperty({
      type: 'string',
      minLength: 3,
      maxLength: 32,
      pattern: USERNAME_PATTERN.source,
      example: 'sonnenblume-83',
    }),
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
    ApiProperty({ type: 'string', minLength: 1, maxLength: 64, example: 'Frau Berger' }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(1, 64, { message: 'displayName must be 1 to 64 characters long' }),
  );

export const AuthKeyField = () => IsBase64UrlBytes(WireBytes.authKey);
export const KdfSaltField = () => IsBase64UrlBytes(WireBytes.kdfSalt);
export const KdfIterationsField = () =>
  all(
    ApiProperty({
      type: 'integer',
      minimum: MIN_KDF_ITERATIONS,
      maximum: MAX_KDF_ITERATIONS,
      description: 'PBKDF2-SHA256 iterations',
      example: 600_000,
    }),
    IsInt(),
    Min(MIN_KDF_ITERATIONS),
    Max(MAX_KDF_ITERATIONS),
  );
export const PublicKeyField = () => IsBase64UrlBytes(WireBytes.publicKey);
export const RecoveryVerifierField = () => IsBase64UrlBytes(WireBytes.recoveryVerifier);
export const WrappedKeyField = () => IsAesEnvelope();
export const TokenField = () => IsBase64UrlBytes(WireBytes.token);

/** An e-mail address, as typed; stored only encrypted. */
export const EmailField = () =>
  all(
    ApiProperty({ type: 'string', format: 'email', maxLength: 254, example: 'name@example.org' }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: 'email must be an e-mail address' }),
  );

/** The nil and the max UUID: well-formed, but nobody's random id. */
const RESERVED_UUIDS = new Set([
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
]);

/**
 * The canonical spelling of a UUID: lower case. Null for anything that is not a UUID (RFC 9562
 * layout, any version), and for the nil and max UUIDs, which no client picks at random.
 */
export function canonicalUuid(value: unknown): string | null {
  if (typeof value !== 'string' || !isUUID(value)) {
    return null;
  }
  const canonical = value.toLowerCase();
  return RESERVED_UUIDS.has(canonical) ? null : canonical;
}

const uuidMessage = (property: string, value: unknown, shape: string): string =>
  typeof value === 'string' && RESERVED_UUIDS.has(value.toLowerCase())
    ? `${property} must not be the ${/^0/.test(value) ? 'nil' : 'max'} UUID`
    : `${property} must be ${shape}`;

/**
 * The id of something new that the client encrypts (a message, a conversation): it is part of the
 * additional data sealed into the ciphertext (DESIGN.md section 4), so it is taken only in its
 * canonical spelling, lower case. Stored under any other spelling than the one sealed in, the
 * message would never open again; so `ABC…` is a 400, not quietly `abc…`. The nil UUID is refused.
 */
export const NewIdField = () =>
  all(
    ApiProperty({
      type: 'string',
      format: 'uuid',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
      description:
        'A new random UUID in lower case, as sealed into the encryption; not the nil UUID',
      example: '3b241101-e2bb-4255-8caf-4136c566a962',
    }),
    ValidateBy({
      name: 'isCanonicalUuid',
      validator: {
        validate: (value) => typeof value === 'string' && canonicalUuid(value) === value,
        defaultMessage: (args) =>
          uuidMessage(args?.property ?? 'id', args?.value, 'a UUID in lower case'),
      },
    }),
  );

/**
 * An id naming a row (a conversation, a message, a counsellor): a UUID in any case,
 * stored and compared in lower case, so that `ABC…` and `abc…` are the same id. The nil UUID is
 * refused.
 */
export const UuidField = () =>
  all(
    ApiProperty({
      type: 'string',
      format: 'uuid',
      description: 'A UUID, read in lower case; not the nil UUID',
      example: '3b241101-e2bb-4255-8caf-4136c566a962',
    }),
    Transform(({ value }) => canonicalUuid(value) ?? value),
    ValidateBy({
      name: 'isCanonicalUuid',
      validator: {
        validate: (value) => typeof value === 'string' && canonicalUuid(value) === value,
        defaultMessage: (args) => uuidMessage(args?.property ?? 'id', args?.value, 'a UUID'),
      },
    }),
  );
