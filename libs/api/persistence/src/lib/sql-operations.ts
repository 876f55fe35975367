import { DataSource } from 'typeorm';
import { onPostgres } from './database-options';
import { parameter } from './entity-rows';

/**
 * The few queries whose SQL differs between the engines, as named operations with both dialects
 * next to each other. Feature modules build their statements from these and contain no
 * engine-specific SQL (JSON and date functions).
 */

/**
 * A subquery of the values of a JSON array of strings given as the parameter at `index`, for
 * `x IN (…)`: one statement text for any number of ids.
 */
export function jsonArrayValues(dataSource: DataSource, index: number): string {
  const p = parameter(dataSource, index);
  return onPostgres(dataSource)
    ? `SELECT jsonb_array_elements_text(${p}::jsonb)`
    : `SELECT value FROM json_each(${p})`;
}

/** The SQL type of a field of {@link jsonRecords}. */
export type JsonRecordField = 'text' | 'bigint';

/**
 * A subquery with one row per element of a JSON array of arrays (the parameter at `index`), its
 * fields as columns `c0`, `c1`, … of the given types (a boolean goes in as 0 or 1, as `bigint`).
 * Use it as `FROM ${jsonRecords(…)} AS b`.
 */
export function jsonRecords(
  dataSource: DataSource,
  index: number,
  fields: JsonRecordField[],
): string {
  const p = parameter(dataSource, index);
  if (onPostgres(dataSource)) {
    const columns = fields.map((type, i) => `(value->>${i})::${type} AS c${i}`).join(', ');
    return `(SELECT ${columns} FROM jsonb_array_elements(${p}::jsonb) AS e(value))`;
  }
  const columns = fields.map((_, i) => `value->>${i} AS c${i}`).join(', ');
  return `(SELECT ${columns} FROM json_each(${p}))`;
}

/** How {@link jsonObjectText} writes a column's value. */
export type JsonFieldKind =
  /** A text column as a JSON string (or null); only UUIDs, fixed names and null are written so. */
  | 'string'
  /** A text column that holds JSON already, written as it is (or null). */
  | 'json'
  /** An epoch-millisecond column as `Date.toISOString()` writes it, in quotes. */
  | 'isoMillis';

/**
 * An expression that writes a row as the JSON text of an object with the given keys, byte for byte
 * as `JSON.stringify` writes the same object: the keys in this order, no spaces. For responses that
 * the database writes directly, without turning rows into objects and back into JSON.
 */
export function jsonObjectText(
  dataSource: DataSource,
  fields: { key: string; column: string; kind: JsonFieldKind }[],
): string {
  const postgres = onPostgres(dataSource);
  const value = (column: string, kind: JsonFieldKind): string => {
    switch (kind) {
      case 'string':
        return postgres ? `coalesce(to_json(${column})::text, 'null')` : `json_quote(${column})`;
      case 'json':
        return `coalesce(${column}, 'null')`;
      case 'isoMillis':
        return postgres
          ? `'"' || to_char(to_timestamp(${column} / 1000) AT TIME ZONE 'UTC', ` +
              `'YYYY-MM-DD"T"HH24:MI:SS') || '.' || lpad((${column} % 1000)::text, 3, '0') || 'Z"'`
          : `'"' || strftime('%Y-%m-%dT%H:%M:%S', ${column} / 1000, 'unixepoch') ` +
              `|| printf('.%03dZ"', ${column} % 1000)`;
    }
  };
  const parts = fields.map(
    ({ key, column, kind }, i) =>
      `'${i === 0 ? '{' : ','}${JSON.stringify(key)}:' || ${value(column, kind)}`,
  );
  return `${parts.join(' || ')} || '}'`;
}
