import { epochMillis } from '@confidant/api/persistence';
import { Role } from '@confidant/shared/api-interfaces';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single-use invitation link for a counsellor or lead; only the token's SHA-256 is stored. */
@Entity('invitation')
export class InvitationEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMillis })
  expiresAt!: Date;
}
