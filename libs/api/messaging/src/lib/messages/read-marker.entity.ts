import { epochMillis } from '@confidant/api/persistence';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity';

/** How far a participant has read a conversation, for unread counts. */
@Entity('read_marker')
export class ReadMarkerEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'FK_read_marker_conversation' })
  conversation?: ConversationEntity;

  /** Everything created up to this instant has been read. */
  @Column({ name: 'read_up_to', type: 'bigint', transformer: epochMillis })
  readUpTo!: Date;
}
