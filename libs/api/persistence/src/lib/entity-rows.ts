import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/** A raw result row, as the driver returns it. */
export type RawRow = Record<string, unknown>;

/**
 * Hand-written SELECTs for the hot paths, read into entities exactly as TypeORM reads them: the
 * column list comes from the entity's metadata, and every value goes through the driver's
 * conversion and the column's transformer. This skips the query builder (building the SQL,
 * aliasing, hydration: half of a request's CPU time in `bench:api`) without describing the columns
 * a second time, where they could drift from the entity.
 *
 * Each column is selected as `<alias>_<column>`, so that several entities can share one row.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** The SELECT list: `"alias"."column" AS "alias_column", …`. */
  readonly select: string;
  private readonly metadata: EntityMetadata;
  private readonly columns: { column: ColumnMetadata; key: string }[];
  private readonly primaryKey: string;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
    readonly alias: string,
  ) {
    this.metadata = dataSource.getMetadata(target);
    const embedded = this.metadata.columns.find((column) => column.embeddedMetadata);
    if (embedded) {
      throw new Error(`EntityRows does not read embedded columns (${embedded.propertyPath})`);
    }
    this.columns = this.metadata.columns
      .filter((column) => !column.isVirtual)
      .map((column) => ({ column, key: `${alias}_${column.databaseName}` }));
    const escape = (name: string) => dataSource.driver.escape(name);
    this.select = this.columns
      .map(({ column, key }) => `${escape(alias)}.${escape(column.databaseName)} AS ${escape(key)}`)
      .join(', ');
    this.primaryKey = `${alias}_${this.metadata.primaryColumns[0].databaseName}`;
  }

  /** The table with its alias, for the FROM or JOIN clause. */
  get table(): string {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    return `${escape(this.metadata.tableName)} ${escape(this.alias)}`;
  }

  /** The entity in the row; null when it has none (an outer join that matched nothing). */
  read(row: RawRow): T | null {
    if (row[this.primaryKey] === null || row[this.primaryKey] === undefined) {
      return null;
    }
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as T;
    const driver = this.dataSource.driver;
    for (const { column, key } of this.columns) {
      (entity as ObjectLiteral)[column.propertyName] = driver.prepareHydratedValue(
        row[key],
        column,
      );
    }
    return entity;
  }
}

/** The driver's placeholder for the n-th parameter (0-based): `?` on SQLite, `$1` on PostgreSQL. */
export function parameter(dataSource: DataSource, index: number): string {
  return dataSource.driver.createParameter(`p${index}`, index);
}
