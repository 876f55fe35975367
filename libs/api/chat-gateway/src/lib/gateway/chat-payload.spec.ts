import 'reflect-metadata';
import {
  ChatDeliveredDto,
  ChatJoinDto,
  ChatMessageDto,
  ChatRoomDto,
} from '@confidant/shared/api-interfaces/dto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { PayloadShape, Payloads, readPayload } from './chat-payload';

/** What the class-validator reading of the payloads said: one object, valid as its DTO. */
async function classValidatorAccepts(dto: new () => object, body: unknown): Promise<boolean> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return false;
  }
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.length === 0;
}

function readsAs<T>(shape: PayloadShape<T>, body: unknown): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: readPayload(shape, body) };
  } catch {
    return { ok: false };
  }
}

const base64url = (minLength: number, maxLength: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${minLength},${maxLength}}$`));

/** Envelopes that are right, and many that are wrong in one way or another. */
const envelope = fc.oneof(
  fc.record({ v: fc.constant(1), iv: base64url(16, 16), ct: base64url(22, 60) }),
  fc.record({
    v: fc.oneof(fc.constant(1), fc.constant(2), fc.constant('1')),
    iv: fc.oneof(base64url(15, 17), fc.string()),
    ct: fc.oneof(base64url(0, 40), fc.string(), fc.integer()),
  }),
  fc.record(
    { v: fc.constant(1), iv: base64url(16, 16), ct: base64url(22, 30), epk: fc.string() },
    { requiredKeys: ['v', 'iv'] },
  ),
  fc.anything(),
);

const value = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'),
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  envelope,
  fc.anything(),
);

const goodEnvelope = fc.record({ v: fc.constant(1), iv: base64url(16, 16), ct: base64url(22, 60) });

/** Right payloads of each event. */
const wellFormed = {
  room: fc.record({ conversationId: fc.uuid() }),
  join: fc.record(
    { conversationId: fc.uuid(), after: fc.oneof(fc.uuid(), fc.constant(null)) },
    { requiredKeys: ['conversationId'] },
  ),
  message: fc.record({ conversationId: fc.uuid(), id: fc.uuid(), envelope: goodEnvelope }),
  delivered: fc.record({ conversationId: fc.uuid(), id: fc.uuid() }),
};

const KEYS = ['conversationId', 'id', 'envelope', 'after', 'extra'];

/** Right payloads, the same with one field changed, added or removed, and anything at all. */
function payloads(valid: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof(
    valid,
    fc
      .tuple(valid, fc.constantFrom(...KEYS), value)
      .map(([body, key, changed]) => ({ ...body, [key]: changed })),
    fc.tuple(valid, fc.constantFrom(...KEYS)).map(([body, key]) => {
      const copy = { ...body };
      delete copy[key];
      return copy;
    }),
    fc.record(
      { conversationId: value, id: value, envelope, after: value, extra: value },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
}

describe('chat payloads', () => {
  it.each([
    ['room', Payloads.room, ChatRoomDto, wellFormed.room],
    ['join', Payloads.join, ChatJoinDto, wellFormed.join],
    ['message', Payloads.message, ChatMessageDto, wellFormed.message],
    ['delivered', Payloads.delivered, ChatDeliveredDto, wellFormed.delivered],
  ] as const)(
    'accept exactly what class-validator accepts for the DTO (%s)',
    async (_name, shape, dto, valid) => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(payloads(valid), async (body) => {
          const read = readsAs(shape as PayloadShape<unknown>, body);
          expect(read.ok).toBe(await classValidatorAccepts(dto, body));
          if (read.ok) {
            accepted++;
            // The same values as the DTO's transform makes of them (UUIDs in lower case).
            const instance = plainToInstance(dto as new () => object, body);
            const defined = Object.entries(instance).filter(([, v]) => v !== undefined);
            expect(read.value).toEqual(Object.fromEntries(defined));
          }
        }),
        { numRuns: 400 },
      );
      expect(accepted).toBeGreaterThan(40);
    },
  );

  it('say what is wrong, in the words of the HTTP pipeline', () => {
    const conversationId = '0b9f7bf4-8c1a-4f38-9d3e-5e8f0ad2c0f1';

    expect(() => readPayload(Payloads.message, [1])).toThrow(
      'The payload must be one JSON object.',
    );
    expect(() =>
      readPayload(Payloads.message, { conversationId, id: 'x', envelope: {}, extra: true }),
    ).toThrow(
      'property extra should not exist; id must be a UUID in lower case; ' +
        'envelope must have exactly the fields v, iv, ct',
    );
    expect(() =>
      readPayload(Payloads.room, { conversationId: '00000000-0000-0000-0000-000000000000' }),
    ).toThrow('conversationId must not be the nil UUID');
    expect(readPayload(Payloads.room, { conversationId: conversationId.toUpperCase() })).toEqual({
      conversationId,
    });
  });
});
