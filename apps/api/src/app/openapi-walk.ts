/**
 * Reading the API's own OpenAPI description (`/api/docs/openapi.json`) in tests: its operations,
 * their request bodies and query parameters, and `$ref`s resolved. Only what the tests use.
 */

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  example?: unknown;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface Operation {
  /** `POST /api/conversations/{id}/messages` */
  name: string;
  method: string;
  /** The path with `{param}` placeholders, as the description writes it. */
  path: string;
  body?: SchemaObject;
  query: ParameterObject[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        method,
        path,
        body: operation.requestBody?.content?.['application/json']?.schema,
        query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
      })),
  );
}

/** The schema itself for a `$ref`, and for an `allOf` of one `$ref` (as Nest writes described ones). */
export function resolve(
  document: OpenApiDocument,
  schema: SchemaObject | undefined,
): SchemaObject | undefined {
  if (schema?.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components?.schemas?.[name]);
  }
  if (schema?.allOf?.length === 1 && !schema.type && !schema.properties) {
    return resolve(document, schema.allOf[0]);
  }
  return schema;
}
