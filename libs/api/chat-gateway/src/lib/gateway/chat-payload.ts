import {
  ChatDeliveredDto,
  ChatJoinDto,
  ChatMessageDto,
  ChatRoomDto,
  canonicalUuid,
  envelopeProblem,
} from '@confidant/shared/api-interfaces/dto';
import { ChatRefusal } from './chat-failure';

/**
 * Checks one field: the problem in class-validator's words, or the value as the DTO's transform
 * leaves it (`{value}`).
 */
type FieldCheck = (value: unknown, property: string) => string | { value: unknown };

/** The fields of an event's payload `T`, each with its check, in the order the DTO declares them. */
export class PayloadShape<T> {
  constructor(readonly fields: { readonly [K in keyof T & string]-?: FieldCheck }) {}
}

/** Envelopes pass up to this size, so that the service can answer larger ones with `too-large`. */
const ENVELOPE_LIMIT = 256 * 1024;

/** The nil and max UUIDs, which `UuidField()` refuses with a message of their own. */
const RESERVED_UUID = /^(0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

/** `UuidField()`: any case, read in lower case; not the nil or max UUID. */
const uuid: FieldCheck = (value, property) => {
  const canonical = canonicalUuid(value);
  if (canonical !== null) {
    return { value: canonical };
  }
  return typeof value === 'string' && RESERVED_UUID.test(value)
    ? `${property} must not be the nil UUID`
    : `${property} must be a UUID`;
};
/** `NewIdField()`: the id sealed into a new message's encryption, only in lower case. */
const newId: FieldCheck = (value, property) => {
  const checked = uuid(value, property);
  if (typeof checked !== 'string' && checked.value === value) {
    return checked;
  }
  return typeof value === 'string' && RESERVED_UUID.test(value)
    ? `${property} must not be the nil UUID`
    : `${property} must be a UUID in lower case`;
};
const optionalUuid: FieldCheck = (value, property) =>
  value === undefined || value === null ? { value } : uuid(value, property);
const envelope: FieldCheck = (value, property) => {
  const problem = envelopeProblem(value, false, ENVELOPE_LIMIT);
  return problem ? `${property} ${problem}` : { value };
};

/**
 * The payloads of the socket events: the rules of their DTOs in `@confidant/shared/api-interfaces`
 * (`chat-payload.spec.ts` holds them to class-validator's verdicts), checked by hand, because the
 * events come many times a second and class-transformer with class-validator cost more than the
 * rest of a typing event.
 */
export const Payloads = {
  room: new PayloadShape<ChatRoomDto>({ conversationId: uuid }),
  join: new PayloadShape<ChatJoinDto>({ conversationId: uuid, after: optionalUuid }),
  message: new PayloadShape<ChatMessageDto>({ id: newId, envelope, conversationId: uuid }),
  delivered: new PayloadShape<ChatDeliveredDto>({ conversationId: uuid, id: uuid }),
};

/**
 * The payload of an event, as the HTTP pipeline would accept it (whitelist, no unknown fields):
 * a new object with the shape's fields only; otherwise a `bad-request` refusal that says what is
 * wrong.
 */
export function readPayload<T>(shape: PayloadShape<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ChatRefusal('bad-request', 'The payload must be one JSON object.');
  }
  const record = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!Object.prototype.hasOwnProperty.call(shape.fields, key)) {
      problems.push(`property ${key} should not exist`);
    }
  }
  const payload: Record<string, unknown> = {};
  for (const [property, check] of Object.entries<FieldCheck>(shape.fields)) {
    const checked = check(record[property], property);
    if (typeof checked === 'string') {
      problems.push(checked);
    } else if (checked.value !== undefined) {
      payload[property] = checked.value;
    }
  }
  if (problems.length > 0) {
    throw new ChatRefusal('bad-request', problems.join('; '));
  }
  return payload as T;
}
