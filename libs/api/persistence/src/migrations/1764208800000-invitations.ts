import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Single-use invitation links for counsellors and leads. */
export class Invitations1764208800000 implements MigrationInterface {
  name = 'Invitations1764208800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'invitation',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('invitation');
  }
}
