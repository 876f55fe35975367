import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * When a conversation got its first answer from a counsellor, so that sending a message does not
 * have to search the messages to learn whether it is the first answer (anonymous statistics).
 * Filled in for the conversations that exist from their messages.
 */
export class ConversationAnswered1764223200000 implements MigrationInterface {
  name = 'ConversationAnswered1764223200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'conversation',
      new TableColumn({ name: 'first_answer_at', type: 'bigint', isNullable: true }),
    );
    await queryRunner.query(
      'UPDATE conversation SET first_answer_at = (SELECT MIN(m.created_at) FROM message m ' +
        "WHERE m.conversation_id = conversation.id AND m.sender_role IN ('counsellor', 'lead'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('conversation', 'first_answer_at');
  }
}
