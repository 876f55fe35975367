import { epochMillis } from '@confidant/api/persistence';
import { NoticeFailureReason } from '@confidant/shared/api-interfaces';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The centre's settings. One installation serves one centre, kept as one row (id 1). */
@Entity('centre')
export class CentreEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 50 })
  phone!: string;

  @Column({ name: 'response_days', type: 'integer' })
  responseDays!: number;

  @Column({ name: 'retention_months', type: 'integer' })
  retentionMonths!: number;

  @Column({ name: 'exit_url', type: 'varchar', length: 2000 })
  exitUrl!: string;

  @Column({ name: 'notification_sender', type: 'varchar', length: 320 })
  notificationSender!: string;

  @Column({ name: 'notification_subject', type: 'varchar', length: 200 })
  notificationSubject!: string;

  @Column({ type: 'simple-json' })
  topics!: string[];

  @Column({ name: 'team_public_key', type: 'varchar', length: 100, nullable: true })
  teamPublicKey!: string | null;

  /**
   * When the most recent notice (reply or retention warning) could not be sent, why (a
   * {@link NoticeFailureReason}) and its codes; all null once one is sent again. Never an address
   * or content: the lead sees this in her settings.
   */
  @Column({ name: 'notice_failed_at', type: 'bigint', nullable: true, transformer: epochMillis })
  noticeFailedAt!: Date | null;

  @Column({ name: 'notice_failure_reason', type: 'varchar', length: 20, nullable: true })
  noticeFailureReason!: NoticeFailureReason | null;

  @Column({ name: 'notice_failure_detail', type: 'varchar', length: 60, nullable: true })
  noticeFailureDetail!: string | null;
}
