import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  base64UrlLength,
  envelopeProblem,
  isBase64UrlOfLength,
  MAX_KEY_ENVELOPE_BYTES,
} from './wire-format';

/** Unpadded base64url text of exactly `bytes` bytes. */
export function IsBase64UrlBytes(bytes: number, options?: ValidationOptions): PropertyDecorator {
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
  return envelopeValidator('isAesEnvelope', false, maxBytes, options);
}

/** A sealed envelope `{v: 1, epk, iv, ct}` of a sane size. */
export function IsSealedEnvelope(
  maxBytes = MAX_KEY_ENVELOPE_BYTES,
  options?: ValidationOptions,
): PropertyDecorator {
  return envelopeValidator('isSealedEnvelope', true, maxBytes, options);
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
