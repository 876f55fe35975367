import { ConversationEntity } from '@confidant/api/messaging';
import { epochMillis } from '@confidant/api/persistence';
import { AppointmentStatus, Role } from '@confidant/shared/api-interfaces';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One proposed date for a live chat. The server knows when, never what was said; a cancellation
 * reason is stored only as the envelope the canceller's browser encrypted. Goes with its
 * conversation, and so with the client's account.
 */
@Entity('appointment')
@Index('IDX_appointment_conversation', ['conversationId', 'startsAt'])
export class AppointmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'FK_appointment_conversation' })
  conversation?: ConversationEntity;

  /** Dates proposed together share it; the client accepts one of them. */
  @Column({ name: 'proposal_id', type: 'varchar', length: 36 })
  proposalId!: string;

  /** The proposing counsellor; without a foreign key, like a message's author. */
  @Column({ name: 'proposed_by', type: 'varchar', length: 36, nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'proposed_at', type: 'bigint', transformer: epochMillis })
  proposedAt!: Date;

  @Column({ name: 'starts_at', type: 'bigint', transformer: epochMillis })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: AppointmentStatus;

  @Column({ name: 'responded_at', type: 'bigint', nullable: true, transformer: epochMillis })
  respondedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'bigint', nullable: true, transformer: epochMillis })
  cancelledAt!: Date | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 36, nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'cancelled_by_role', type: 'varchar', length: 16, nullable: true })
  cancelledByRole!: Role | null;

  /** JSON of the AES-GCM envelope of the reason (conversation key). */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'room_opened_at', type: 'bigint', nullable: true, transformer: epochMillis })
  roomOpenedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'bigint', nullable: true, transformer: epochMillis })
  endedAt!: Date | null;
}
