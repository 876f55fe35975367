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
}
