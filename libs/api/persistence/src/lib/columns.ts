import { FindOperator, LessThan, MoreThan, ValueTransformer } from 'typeorm';

/**
 * Stores an instant as milliseconds since the epoch in a `bigint` column: the same on SQLite and
 * PostgreSQL, sortable, and free of time zones.
 */
export const epochMillis: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};

/**
 * `LessThan` for an {@link epochMillis} column. Find conditions do not pass through the column's
 * transformer, so a `Date` would reach the driver as it is: sqlite3 binds it as text (and on SQLite
 * every number sorts before every text, so every row would match), pg as a timestamp.
 */
export function earlierThan(instant: Date): FindOperator<Date> {
  return LessThan(instant.getTime()) as unknown as FindOperator<Date>;
}

/** `MoreThan` for an {@link epochMillis} column; see {@link earlierThan}. */
export function laterThan(instant: Date): FindOperator<Date> {
  return MoreThan(instant.getTime()) as unknown as FindOperator<Date>;
}
