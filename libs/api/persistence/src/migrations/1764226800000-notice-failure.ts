import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The centre remembers why its most recent notice could not be sent (a reason code and SMTP or
 * error codes, never an address or content), so that the lead sees it in her settings. A sender
 * that an earlier default made and that the mailer refuses (`noreply@localhost`) is repaired at
 * start by the centre service, which knows the configured one.
 */
export class NoticeFailure1764226800000 implements MigrationInterface {
  name = 'NoticeFailure1764226800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('centre', [
      new TableColumn({ name: 'notice_failed_at', type: 'bigint', isNullable: true }),
      new TableColumn({
        name: 'notice_failure_reason',
        type: 'varchar',
        length: '20',
        isNullable: true,
      }),
      new TableColumn({
        name: 'notice_failure_detail',
        type: 'varchar',
        length: '60',
        isNullable: true,
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('centre', 'notice_failure_detail');
    await queryRunner.dropColumn('centre', 'notice_failure_reason');
    await queryRunner.dropColumn('centre', 'notice_failed_at');
  }
}
