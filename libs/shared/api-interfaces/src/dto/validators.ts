import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  base64UrlLength,
  envelopeProblem,
  isBase64UrlOfLength,
  MAX_KEY_ENVELOPE_BYTES,
  WireBytes,
} from './wire-format';

/** Applies several property decorators as one. */
export function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators);
}

/** The OpenAPI schema of unpadded base64url text of exactly `bytes` bytes. */
export function base64UrlSchema(bytes: number): ApiPropertyOptions {
  return {
    type: 'string',
    format: 'base64url',
    pattern: '^[A-Za-z0-9_-]+$',
    minLength: base64UrlLength(bytes),
    maxLength: base64UrlLength(bytes),
    description: `${bytes} bytes as unpadded base64url`,
  };
}

/** The OpenAPI schema of an AES-GCM envelope on the wire (`AesEnvelopeDto`). */
export class AesEnvelope {
  @ApiProperty({ type: 'integer', enum: [1], description: 'Format version' }) v!: 1;
  @ApiProperty(base64UrlSchema(WireBytes.iv)) iv!: string;
  @ApiProperty({
    type: 'string',
    format: 'base64url',
    pattern: '^[A-Za-z0-9_-]+$',
    minLength: base64UrlLength(WireBytes.tag),
    description: 'Ciphertext with the 16-byte tag, as unpadded base64url',
  })
  ct!: string;
}

/** The OpenAPI schema of a sealed envelope on the wire (`SealedEnvelopeDto`). */
export class SealedEnvelope extends AesEnvelope {
  @ApiProperty({ ...base64UrlSchema(WireBytes.publicKey), description: 'Ephemeral public key' })
  epk!: string;
}

/** Unpadded base64url text of exactly `bytes` bytes. */
export function IsBase64UrlBytes(bytes: number, options?: ValidationOptions): PropertyDecorator {
  return all(ApiProperty(base64UrlSchema(bytes)), IsBase64UrlBytesRule(bytes, options));
}

function IsBase64UrlBytesRule(bytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBase64UrlBytes',
      validator: {
        validate: (value) => isBase64UrlOfLength(value, bytes),
        defaultMessage: (args) =>
          `${args?.property} must be ${bytes} bytes as unpadded base64url (${base64UrlLength(bytes)} characters)`,
      },
    },
    options,
  );
}

/** An AES-GCM envelope `{v: 1, iv, ct}` of a sane size (see `envelopeProblem`). */
export function IsAesEnvelope(
  maxBytes = MAX_KEY_ENVELOPE_BYTES,
  options?: ValidationOptions,
): PropertyDecorator {
  return all(
    ApiProperty({ type: AesEnvelope, description: `At most ${maxBytes} bytes of ciphertext` }),
    envelopeValidator('isAesEnvelope', false, maxBytes, options),
  );
}

/** A sealed envelope `{v: 1, epk, iv, ct}` of a sane size. */
export function IsSealedEnvelope(
  maxBytes = MAX_KEY_ENVELOPE_BYTES,
  options?: ValidationOptions,
): PropertyDecorator {
  return all(
    ApiProperty({ type: SealedEnvelope, description: `At most ${maxBytes} bytes of ciphertext` }),
    envelopeValidator('isSealedEnvelope', true, maxBytes, options),
  );
}

function envelopeValidator(
  name: string,
  sealed: boolean,
  maxBytes: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) => envelopeProblem(value, sealed, maxBytes) === null,
        defaultMessage: (args) =>
          `${args?.property} ${envelopeProblem(args?.value, sealed, maxBytes) ?? 'is not a valid envelope'}`,
      },
    },
    options,
  );
}
