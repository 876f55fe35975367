import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The centre's settings (one row per installation). Column types are portable to PostgreSQL. */
export class Centre1764201600000 implements MigrationInterface {
  name = 'Centre1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'centre',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'phone', type: 'varchar', length: '50' },
          { name: 'response_days', type: 'integer' },
          { name: 'retention_months', type: 'integer' },
          { name: 'exit_url', type: 'varchar', length: '2000' },
          { name: 'notification_sender', type: 'varchar', length: '320' },
          { name: 'notification_subject', type: 'varchar', length: '200' },
          { name: 'topics', type: 'text' },
          { name: 'team_public_key', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('centre');
  }
}
