import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Chat appointments; they go with their conversation (and so with the client's account). */
export class Appointments1764219600000 implements MigrationInterface {
  name = 'Appointments1764219600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'appointment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'conversation_id', type: 'varchar', length: '36' },
          { name: 'proposal_id', type: 'varchar', length: '36' },
          { name: 'proposed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'proposed_at', type: 'bigint' },
          { name: 'starts_at', type: 'bigint' },
          { name: 'duration_minutes', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'responded_at', type: 'bigint', isNullable: true },
          { name: 'cancelled_at', type: 'bigint', isNullable: true },
          { name: 'cancelled_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'cancelled_by_role', type: 'varchar', length: '16', isNullable: true },
          { name: 'cancel_reason', type: 'text', isNullable: true },
          { name: 'room_opened_at', type: 'bigint', isNullable: true },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [
          {
            name: 'FK_appointment_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'IDX_appointment_conversation', columnNames: ['conversation_id', 'starts_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('appointment');
  }
}
