import { ValueTransformer } from 'typeorm';

/**
 * Stores an instant as milliseconds since the epoch in a `bigint` column: the same on SQLite and
 * PostgreSQL, sortable, and free of time zones.
 */
export const epochMillis: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};
