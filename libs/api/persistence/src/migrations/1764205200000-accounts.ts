import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const accountReference = (table: string) => ({
  name: `FK_${table}_account`,
  columnNames: ['account_id'],
  referencedTableName: 'account',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/** Accounts with their credentials and keys, sessions, and reset/recovery tokens. */
export class Accounts1764205200000 implements MigrationInterface {
  name = 'Accounts1764205200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'account',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '32' },
          { name: 'username_key', type: 'varchar', length: '32' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'display_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'active', type: 'boolean' },
          { name: 'auth_hash', type: 'varchar', length: '200' },
          { name: 'kdf_salt', type: 'varchar', length: '32' },
          { name: 'kdf_iterations', type: 'integer' },
          { name: 'public_key', type: 'varchar', length: '100' },
          { name: 'wrapped_private_key', type: 'text' },
          { name: 'recovery_wrapped_private_key', type: 'text' },
          { name: 'recovery_verifier_hash', type: 'varchar', length: '200' },
          { name: 'email_ciphertext', type: 'text', isNullable: true },
          { name: 'team_key_grant', type: 'text', isNullable: true },
          { name: 'key_changed_at', type: 'bigint', isNullable: true },
          { name: 'last_activity_at', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
        ],
        uniques: [{ name: 'UQ_account_username_key', columnNames: ['username_key'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'session',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_seen_at', type: 'bigint' },
        ],
        foreignKeys: [accountReference('session')],
        indices: [{ name: 'IDX_session_account', columnNames: ['account_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth_token',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'expires_at', type: 'bigint' },
        ],
        foreignKeys: [accountReference('auth_token')],
        indices: [{ name: 'IDX_auth_token_account', columnNames: ['account_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('auth_token');
    await queryRunner.dropTable('session');
    await queryRunner.dropTable('account');
  }
}
