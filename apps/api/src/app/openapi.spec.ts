import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';
import { OpenApiDocument, operations, resolve, SchemaObject } from './openapi-walk';

/** What is missing in a schema and its fields, as `path: problem` lines. */
function gaps(document: OpenApiDocument, schema: SchemaObject | undefined, path: string): string[] {
  const resolved = resolve(document, schema);
  if (!resolved || Object.keys(resolved).length === 0) {
    return [`${path}: empty schema`];
  }
  const typed = resolved.type ?? resolved.enum ?? resolved.oneOf ?? resolved.anyOf;
  if (!typed && !resolved.allOf) {
    return [`${path}: no type`];
  }
  if (resolved.type === 'array') {
    return gaps(document, resolved.items, `${path}[]`);
  }
  if (resolved.type === 'object' || (!resolved.type && resolved.properties)) {
    const properties = Object.entries(resolved.properties ?? {});
    if (properties.length === 0) {
      return [`${path}: object without properties`];
    }
    return properties.flatMap(([name, field]) => gaps(document, field, `${path}.${name}`));
  }
  return [];
}

describe('the OpenAPI description', () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-openapi-'));
    const config = loadConfig({
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: dataDir,
      WEB_DIR: 'none',
      LOG_LEVEL: 'fatal',
    });
    app = await createApp(config, new Uint8Array(32).fill(5));
    await app.init();
    document = (await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('describes the body of every operation that takes one, down to each field', () => {
    const withBody = operations(document).filter((operation) => operation.body);

    expect(withBody.length).toBeGreaterThanOrEqual(25);
    expect(withBody.flatMap((operation) => gaps(document, operation.body, operation.name))).toEqual(
      [],
    );
  });

  it('states the limits the validation enforces', () => {
    const schemas = document.components?.schemas ?? {};

    expect(schemas['LoginDto']).toMatchObject({
      required: expect.arrayContaining(['username', 'authKey']),
      properties: {
        username: { type: 'string', minLength: 3, maxLength: 32 },
        authKey: { type: 'string', minLength: 43, maxLength: 43 },
      },
    });
    expect(schemas['NewMessageDto']).toMatchObject({
      properties: {
        id: { type: 'string', format: 'uuid' },
        envelope: { allOf: [{ $ref: '#/components/schemas/AesEnvelope' }] },
      },
    });
    expect(schemas['SealedEnvelope']).toMatchObject({
      required: ['v', 'iv', 'ct', 'epk'],
      properties: { epk: { type: 'string', minLength: 87, maxLength: 87 } },
    });
    expect(schemas['CentreUpdateDto']).toMatchObject({
      properties: { responseDays: { type: 'number', minimum: 1, maximum: 30 } },
    });
    expect(schemas['InvitationCreateDto']).toMatchObject({
      properties: { role: { enum: ['counsellor', 'lead'] } },
    });
  });
});
