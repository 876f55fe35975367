import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** The retention warning marker on accounts, and leases so that one instance runs a job at a time. */
export class Retention1764216000000 implements MigrationInterface {
  name = 'Retention1764216000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'account',
      new TableColumn({ name: 'retention_warned_for', type: 'bigint', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_lease',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '36' },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_lease');
    await queryRunner.dropColumn('account', 'retention_warned_for');
  }
}
