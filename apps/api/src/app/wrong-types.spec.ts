import { NestExpressApplication } from '@nestjs/platform-express';
import { AccountService, SessionService } from '@confidant/api/auth';
import { makeIdentity, TestIdentity } from '@confidant/api/auth/testing';
import { LogCapture } from '@confidant/api/mail/testing';
import { CentreService } from '@confidant/api/accounts';
import { Role } from '@confidant/shared/api-interfaces';
import * as dtos from '@confidant/shared/api-interfaces/dto';
import {
  createConversationKey,
  createTeamKey,
  encryptMessage,
  fromBase64Url,
  toBase64Url,
} from '@confidant/shared/crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '@confidant/api/persistence/testing';
import { loadConfig } from '../config/app-config';
import { createApp } from './create-app';
import { OpenApiDocument, Operation, operations, resolve, SchemaObject } from './openapi-walk';

const PUBLIC_URL = 'http://portal.test';

type Caller = 'lead' | 'counsellor' | 'client' | 'anonymous';
/** Who is tried for each operation, in this order: the first whose request reaches the validation. */
const CALLERS: Caller[] = ['lead', 'counsellor', 'client', 'anonymous'];

/** A JSON value of each kind, to put where another kind is expected. */
const VALUES = {
  string: 'x',
  number: 1,
  boolean: true,
  array: ['x'],
  object: { x: 'x' },
} as const;
type Kind = keyof typeof VALUES;

function kindOf(schema: SchemaObject): Kind {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
    case 'boolean':
    case 'array':
      return schema.type;
    default:
      return 'object';
  }
}

/** A value the schema accepts: its example, or one made from its type, format and limits. */
function valid(document: OpenApiDocument, schema: SchemaObject | undefined): unknown {
  const resolved = resolve(document, schema) ?? {};
  if (resolved.example !== undefined) {
    return resolved.example;
  }
  if (resolved.enum) {
    return resolved.enum[0];
  }
  switch (resolved.type) {
    case 'string':
      return resolved.format === 'uuid'
        ? randomUUID()
        : resolved.format === 'email'
          ? 'name@example.org'
          : resolved.format === 'uri'
            ? 'https://example.org/'
            : 'A'.repeat(Math.max(resolved.minLength ?? 1, 3));
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [valid(document, resolved.items)];
    default:
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {}).map(([name, field]) => [
          name,
          valid(document, field),
        ]),
      );
  }
}

/** A field of a body: where it is (`message.envelope.iv`, `alternatives.0`) and its schema. */
interface Field {
  path: (string | number)[];
  schema: SchemaObject;
  /** Whether the field must be there (so that `null` is wrong too). */
  required: boolean;
}

function fields(
  document: OpenApiDocument,
  schema: SchemaObject | undefined,
  path: (string | number)[] = [],
  required = true,
): Field[] {
  const resolved = resolve(document, schema);
  if (!resolved) {
    return [];
  }
  const own = path.length > 0 ? [{ path, schema: resolved, required }] : [];
  if (resolved.type === 'array') {
    return [...own, ...fields(document, resolved.items, [...path, 0])];
  }
  return [
    ...own,
    ...Object.entries(resolved.properties ?? {}).flatMap(([name, field]) =>
      fields(document, field, [...path, name], resolved.required?.includes(name) ?? false),
    ),
  ];
}

/** A copy of `body` with the value at `path` replaced. */
function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) {
    target = target[key] as Record<string | number, unknown>;
  }
  target[path[path.length - 1]] = value;
  return copy;
}

describe('every operation of the OpenAPI description, sent the wrong type in each field', () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let logs: LogCapture;
  let document: OpenApiDocument;
  const accountIds = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  const cookies = {} as Record<Caller, string | undefined>;
  let conversationId: string;
  let appointmentId: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-wrong-types-'));
    // On SQLite its file in DATA_DIR; on PostgreSQL (TEST_DATABASE_ENGINE) a fresh database.
    const database = await testDatabaseUrl();
    dropDatabase = database.drop;
    const config = loadConfig({
      DATABASE_URL: database.url.startsWith('sqlite') ? '' : database.url,
      DATA_DIR: dataDir,
      KDF_ITERATIONS: '1000',
      PUBLIC_URL,
      WEB_DIR: 'none',
      LOG_LEVEL: 'warn',
    });
    logs = new LogCapture();
    app = await createApp(config, new Uint8Array(32).fill(7));
    app.useLogger(logs);
    await app.init();

    const accounts = app.get(AccountService);
    const identities = {} as Record<Exclude<Caller, 'anonymous'>, TestIdentity>;
    for (const role of ['client', 'counsellor', 'lead'] as Role[]) {
      const identity = await makeIdentity();
      const account = await accounts.create({ username: `${role}-name`, role, ...identity.body });
      accountIds[role] = account.id;
      identities[role] = identity;
      cookies[role] =
        `confidant-session=${(await app.get(SessionService).create(account.id)).token}`;
    }
    cookies.anonymous = undefined;
    // A conversation of `client`, assigned to `counsellor`, with a proposed appointment.
    const team = await createTeamKey(fromBase64Url(identities.counsellor.body.publicKey));
    await app.get(CentreService).setTeamPublicKey(toBase64Url(team.publicKey));
    await accounts.update(accountIds.counsellor, { teamKeyGrant: JSON.stringify(team.grant) });
    conversationId = randomUUID();
    const messageId = randomUUID();
    const { key, sealed } = await createConversationKey({
      client: fromBase64Url(identities.client.body.publicKey),
      team: team.publicKey,
    });
    const envelope = await encryptMessage(
      key,
      { conversationId, messageId, senderId: accountIds.client },
      { text: 'Hallo' },
    );
    await http('post', '/api/conversations', 'client')
      .send({ id: conversationId, keys: sealed, message: { id: messageId, envelope } })
      .expect(201);
    await http('post', `/api/conversations/${conversationId}/assign`, 'counsellor')
      .send({})
      .expect(200);
    const proposed = await http(
      'post',
      `/api/conversations/${conversationId}/appointments`,
      'counsellor',
    )
      .send({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 60 })
      .expect(201);
    appointmentId = proposed.body[0].id;

    document = (await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await app.close();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function http(method: string, path: string, caller: Caller) {
    const call = request(app.getHttpServer())[method as 'post'](path).set('Origin', PUBLIC_URL);
    const cookie = cookies[caller];
    return cookie ? call.set('Cookie', cookie) : call;
  }

  function pathOf(operation: Operation): string {
    const id = operation.path.startsWith('/api/conversations/')
      ? conversationId
      : operation.path.startsWith('/api/appointments/')
        ? appointmentId
        : accountIds.counsellor;
    return operation.path.replace('{id}', id);
  }

  /** Every row of every table, as JSON text per table. */
  async function snapshot(): Promise<Record<string, string>> {
    const dataSource = app.get(DataSource);
    // Every table of an entity, plus the migrations' own table: the same on either engine.
    const tables = [
      ...new Set([...dataSource.entityMetadatas.map((entity) => entity.tableName), 'migrations']),
    ]
      .sort()
      .map((name) => ({ name }));
    const rows: Record<string, string> = {};
    for (const { name } of tables) {
      rows[name] = JSON.stringify(await dataSource.query(`SELECT * FROM "${name}" ORDER BY 1`));
    }
    return rows;
  }

  /** The first caller whose request with an unknown field gets the validation's 400. */
  async function callerFor(operation: Operation): Promise<Caller> {
    for (const caller of CALLERS) {
      const response = await http(operation.method, pathOf(operation), caller).send({
        unknownField: 1,
      });
      if (response.status === 400) {
        return caller;
      }
    }
    return 'anonymous';
  }

  it('answers 400 naming the field, never 500, and changes nothing', async () => {
    const before = await snapshot();
    const withBody = operations(document).filter((operation) => operation.body);
    const failures: string[] = [];
    let requests = 0;

    for (const operation of withBody) {
      const caller = await callerFor(operation);
      const path = pathOf(operation);
      const base = valid(document, operation.body);
      // The base body must be valid, so that each 400 below is the wrong field's.
      const dtoName = (operation.body?.$ref ?? '').replace('#/components/schemas/', '');
      const dto = (dtos as Record<string, unknown>)[dtoName] as (new () => object) | undefined;
      const problems = dto
        ? await validate(plainToInstance(dto, base), {
            whitelist: true,
            forbidNonWhitelisted: true,
          })
        : [];
      if (!dto || problems.length > 0) {
        failures.push(`${operation.name}: no valid example body (${dtoName}: ${problems})`);
        continue;
      }
      const cases: { field: string; value: unknown; body: unknown }[] = [];
      for (const kind of Object.keys(VALUES) as Kind[]) {
        if (kind !== 'object') {
          cases.push({ field: '(body)', value: VALUES[kind], body: VALUES[kind] });
        }
      }
      for (const field of fields(document, operation.body)) {
        const expected = kindOf(field.schema);
        const wrong = (Object.keys(VALUES) as Kind[])
          .filter((kind) => kind !== expected)
          .map((kind): unknown => VALUES[kind]);
        for (const value of field.required ? [...wrong, null] : wrong) {
          cases.push({
            field: field.path.join('.'),
            value,
            body: withValue(base, field.path, value),
          });
        }
      }
      for (const { field, value, body } of cases) {
        requests++;
        const response = await http(operation.method, path, caller)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        const message = JSON.stringify(response.body?.message ?? '');
        const leaf =
          field
            .split('.')
            .filter((part) => !/^\d+$/.test(part))
            .pop() ?? field;
        const named = field === '(body)' || message.includes(leaf);
        if (response.status !== 400 || !named) {
          failures.push(
            `${operation.name} as ${caller}: ${field} = ${JSON.stringify(value)} → ${response.status} ${message}`,
          );
        }
      }
    }

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect(logs.lines.filter((line) => /failed|error/i.test(line))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it('answers 400 to a query parameter of the wrong type, and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const withQuery = operations(document).filter((operation) => operation.query.length > 0);

    for (const operation of withQuery) {
      for (const parameter of operation.query) {
        const name = parameter.name;
        const wrong = [
          `${name}=1&${name}=2`,
          `${name}[]=1`,
          ...(kindOf(parameter.schema ?? {}) === 'number' ? [`${name}=abc`, `${name}=true`] : []),
        ];
        for (const query of wrong) {
          const response = await http(operation.method, `${pathOf(operation)}?${query}`, 'client');
          if (response.status !== 400) {
            failures.push(`${operation.name}?${query} → ${response.status}`);
          }
        }
      }
    }

    expect(withQuery.length).toBeGreaterThanOrEqual(2);
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
