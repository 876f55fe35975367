import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * When she confirmed that she kept her current recovery code; null while she has not (a new code
 * sets it back to null). Accounts that exist stay null: nobody can tell whether they kept theirs,
 * so their account page reminds them and offers a new code.
 */
export class RecoveryConfirmed1764237600000 implements MigrationInterface {
  name = 'RecoveryConfirmed1764237600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'account',
      new TableColumn({ name: 'recovery_confirmed_at', type: 'bigint', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('account', 'recovery_confirmed_at');
  }
}
