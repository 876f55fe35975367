import { epochMillis } from '@confidant/api/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who runs a scheduled job until when; shared by every API instance through the database. */
@Entity('job_lease')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 36 })
  holder!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMillis })
  expiresAt!: Date;
}
