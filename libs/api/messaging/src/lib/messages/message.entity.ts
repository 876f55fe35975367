import { epochMillis } from '@confidant/api/persistence';
import { MessageKind, NoticeCode, Role } from '@confidant/shared/api-interfaces';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity';

/** A message: an end-to-end encrypted envelope, or a content-free notice. */
@Entity('message')
@Index('IDX_message_page', ['conversationId', 'createdAt', 'id'])
export class MessageEntity {
  /** Made by the author's browser and bound into the envelope's additional data. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'FK_message_conversation' })
  conversation?: ConversationEntity;

  /** The author; kept without a foreign key so that a removed counsellor's replies stay readable. */
  @Column({ name: 'sender_id', type: 'varchar', length: 36, nullable: true })
  senderId!: string | null;

  @Column({ name: 'sender_role', type: 'varchar', length: 16, nullable: true })
  senderRole!: Role | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: MessageKind;

  /** JSON of the AES-GCM envelope; null for notices. */
  @Column({ type: 'text', nullable: true })
  envelope!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  notice!: NoticeCode | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt!: Date;
}
