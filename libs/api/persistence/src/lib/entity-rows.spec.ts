import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './columns';
import { EntityRows, parameter } from './entity-rows';

@Entity('person')
class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64, nullable: true })
  displayName!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'seen_at', type: 'bigint', nullable: true, transformer: epochMillis })
  seenAt!: Date | null;
}

@Entity('visit')
class VisitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;
}

describe('EntityRows', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await new DataSource({
      type: 'sqlite',
      database: ':memory:',
      entities: [PersonEntity, VisitEntity],
      synchronize: true,
    }).initialize();
    const people = dataSource.getRepository(PersonEntity);
    await people.insert([
      { id: 'p1', displayName: 'Frau Mond', active: true, seenAt: new Date(1764201600123) },
      { id: 'p2', displayName: null, active: false, seenAt: null },
    ]);
    await dataSource.getRepository(VisitEntity).insert([
      { id: 'v1', personId: 'p1' },
      { id: 'v2', personId: 'gone' },
    ]);
  });

  afterEach(() => dataSource.destroy());

  it('reads an entity from a hand-written query exactly as find() reads it', async () => {
    const people = new EntityRows(dataSource, PersonEntity, 'p');
    const rows = await dataSource.query(
      `SELECT ${people.select} FROM ${people.table} ORDER BY "p"."id"`,
    );

    const read = rows.map((row: Record<string, unknown>) => people.read(row));

    expect(read).toEqual(
      await dataSource.getRepository(PersonEntity).find({ order: { id: 'ASC' } }),
    );
    expect(read[0]).toBeInstanceOf(PersonEntity);
    expect(read[0].seenAt).toEqual(new Date(1764201600123));
    expect(read[1].active).toBe(false);
  });

  it('reads two entities from one joined row, and null where an outer join found nothing', async () => {
    const visits = new EntityRows(dataSource, VisitEntity, 'v');
    const people = new EntityRows(dataSource, PersonEntity, 'p');
    const rows = await dataSource.query(
      `SELECT ${visits.select}, ${people.select} FROM ${visits.table} ` +
        `LEFT JOIN ${people.table} ON "p"."id" = "v"."person_id" WHERE "v"."id" IN (${parameter(
          dataSource,
          0,
        )}, ${parameter(dataSource, 1)}) ORDER BY "v"."id"`,
      ['v1', 'v2'],
    );

    expect(rows.map((row: Record<string, unknown>) => visits.read(row)?.personId)).toEqual([
      'p1',
      'gone',
    ]);
    expect(people.read(rows[0])?.displayName).toBe('Frau Mond');
    expect(people.read(rows[1])).toBeNull();
  });
});
