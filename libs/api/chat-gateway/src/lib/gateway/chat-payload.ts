import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { ChatRefusal } from './chat-failure';

type DtoClass<T> = new () => T;

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((text) => `${prefix}${text}`),
    ...describe(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/**
 * The payload of an event as its DTO, validated as the HTTP pipeline does (whitelist, no
 * unknown fields); otherwise a `bad-request` refusal that says what is wrong.
 */
export async function readPayload<T extends object>(
  dtoClass: DtoClass<T>,
  body: unknown,
): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ChatRefusal('bad-request', 'The payload must be one JSON object.');
  }
  const dto = plainToInstance(dtoClass, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ChatRefusal('bad-request', describe(errors).join('; '));
  }
  return dto;
}
