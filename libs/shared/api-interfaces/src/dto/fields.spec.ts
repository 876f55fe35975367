import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { canonicalUuid, UuidField } from './fields';
import { CanonicalUuidPipe } from './uuid-param';

class Probe {
  @UuidField() id!: string;
}

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const NIL = '00000000-0000-0000-0000-000000000000';

async function read(value: unknown): Promise<{ id?: unknown; errors: string[] }> {
  const instance = plainToInstance(Probe, { id: value });
  const errors = await validate(instance);
  return {
    id: instance.id,
    errors: errors.flatMap((error) => Object.values(error.constraints ?? {})),
  };
}

describe('ids', () => {
  it('are one id in any case, read in lower case', async () => {
    expect(canonicalUuid(ID.toUpperCase())).toBe(ID);
    expect(await read(ID.toUpperCase())).toEqual({ id: ID, errors: [] });
    expect(new CanonicalUuidPipe().transform(ID.toUpperCase(), { type: 'param', data: 'id' })).toBe(
      ID,
    );
  });

  it.each([
    [NIL, 'nil'],
    ['FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'max'],
  ])('refuse %s', async (value, name) => {
    expect(canonicalUuid(value)).toBeNull();
    expect((await read(value)).errors).toEqual([`id must not be the ${name} UUID`]);
    expect(() => new CanonicalUuidPipe().transform(value, { type: 'param', data: 'id' })).toThrow(
      'id must be a UUID',
    );
  });

  it.each([null, 1, true, [ID], { id: ID }, `${ID} `, `{${ID}}`, ID.replace(/-/g, '')])(
    'refuse %p',
    async (value) => {
      expect((await read(value)).errors).toEqual(['id must be a UUID']);
    },
  );
});
