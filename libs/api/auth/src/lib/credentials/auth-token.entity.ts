import { epochMillis } from '@confidant/api/persistence';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../account/account.entity';

export type AuthTokenPurpose = 'reset' | 'recovery';

/**
 * A single-use token for a password reset link or a recovery in progress. Stored as its SHA-256
 * only, valid until `expiresAt`, deleted when used.
 */
@Entity('auth_token')
export class AuthTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Index('IDX_auth_token_account')
  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_auth_token_account' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 16 })
  purpose!: AuthTokenPurpose;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMillis })
  expiresAt!: Date;
}
