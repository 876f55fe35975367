import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Conversations, messages, read markers and the anonymous enquiry statistics. */
export class Messaging1764212400000 implements MigrationInterface {
  name = 'Messaging1764212400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'conversation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'client_id', type: 'varchar', length: '36' },
          { name: 'counsellor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'topic', type: 'varchar', length: '100', isNullable: true },
          { name: 'client_key', type: 'text' },
          { name: 'client_key_at', type: 'bigint' },
          { name: 'team_key', type: 'text' },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_message_at', type: 'bigint' },
          { name: 'client_waiting_since', type: 'bigint', isNullable: true },
          { name: 'closed_at', type: 'bigint', isNullable: true },
          { name: 'last_notice_mail_at', type: 'bigint', isNullable: true },
          { name: 'stat_id', type: 'varchar', length: '36' },
        ],
        foreignKeys: [
          {
            name: 'FK_conversation_client',
            columnNames: ['client_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_conversation_counsellor',
            columnNames: ['counsellor_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          { name: 'IDX_conversation_client', columnNames: ['client_id'] },
          { name: 'IDX_conversation_counsellor', columnNames: ['counsellor_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'message',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'conversation_id', type: 'varchar', length: '36' },
          { name: 'sender_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'sender_role', type: 'varchar', length: '16', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'envelope', type: 'text', isNullable: true },
          { name: 'notice', type: 'varchar', length: '32', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            name: 'FK_message_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'IDX_message_page', columnNames: ['conversation_id', 'created_at', 'id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'read_marker',
        columns: [
          { name: 'conversation_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'read_up_to', type: 'bigint' },
        ],
        foreignKeys: [
          {
            name: 'FK_read_marker_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enquiry_stat',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'first_answer_minutes', type: 'integer', isNullable: true },
          { name: 'response_days', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('enquiry_stat');
    await queryRunner.dropTable('read_marker');
    await queryRunner.dropTable('message');
    await queryRunner.dropTable('conversation');
  }
}
