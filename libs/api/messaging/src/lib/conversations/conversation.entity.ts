import { AccountEntity } from '@confidant/api/auth';
import { epochMillis } from '@confidant/api/persistence';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A counselling conversation. The server knows who takes part and when they wrote, never what:
 * the conversation key is stored only sealed to the client and to the team.
 */
@Entity('conversation')
export class ConversationEntity {
  /** Made by the client's browser, so that a retried creation is idempotent. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_conversation_client')
  @Column({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_conversation_client' })
  client?: AccountEntity;

  @Index('IDX_conversation_counsellor')
  @Column({ name: 'counsellor_id', type: 'varchar', length: 36, nullable: true })
  counsellorId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'counsellor_id', foreignKeyConstraintName: 'FK_conversation_counsellor' })
  counsellor?: AccountEntity | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  topic!: string | null;

  /** JSON of the conversation key sealed to the client's public key. */
  @Column({ name: 'client_key', type: 'text' })
  clientKey!: string;

  /** When `clientKey` was sealed; older than her identity key means it must be re-shared. */
  @Column({ name: 'client_key_at', type: 'bigint', transformer: epochMillis })
  clientKeyAt!: Date;

  /** JSON of the conversation key sealed to the team public key. */
  @Column({ name: 'team_key', type: 'text' })
  teamKey!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt!: Date;

  @Column({ name: 'last_message_at', type: 'bigint', transformer: epochMillis })
  lastMessageAt!: Date;

  /** The client's oldest message that has no answer yet; null when she is not waiting. */
  @Column({
    name: 'client_waiting_since',
    type: 'bigint',
    nullable: true,
    transformer: epochMillis,
  })
  clientWaitingSince!: Date | null;

  @Column({ name: 'closed_at', type: 'bigint', nullable: true, transformer: epochMillis })
  closedAt!: Date | null;

  /** The last "new reply" mail, so that at most one goes out per hour. */
  @Column({ name: 'last_notice_mail_at', type: 'bigint', nullable: true, transformer: epochMillis })
  lastNoticeMailAt!: Date | null;

  /** When her counsellor first answered; null until then (the statistics count first answers). */
  @Column({ name: 'first_answer_at', type: 'bigint', nullable: true, transformer: epochMillis })
  firstAnswerAt!: Date | null;

  /** Anonymous statistics row of this enquiry (no reference back exists). */
  @Column({ name: 'stat_id', type: 'varchar', length: 36 })
  statId!: string;
}
