import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * One row that ties the database to its server secret: an HMAC of a fixed label under the secret
 * (never the secret itself). A start with another secret, or without the secret file, stops before it
 * changes anything, instead of making stored e-mail addresses unreadable (`inspectDatabase`).
 */
export class ServerSecretCheck1764230400000 implements MigrationInterface {
  name = 'ServerSecretCheck1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'server_secret_check',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'check_value', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('server_secret_check');
  }
}
