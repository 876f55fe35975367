import { Role } from '@confidant/shared/api-interfaces';
import { epochMillis } from '@confidant/api/persistence';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * An account of any role. The server holds no secret that opens content: `authHash` is argon2id of
 * the authKey derived from the password, the private key is wrapped under keys only the owner can
 * derive, and the e-mail is encrypted under a server key.
 */
@Entity('account')
@Unique('UQ_account_username_key', ['usernameKey'])
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  username!: string;

  /** NFKC, lower-cased username: unique, so that names differing only in case cannot coexist. */
  @Column({ name: 'username_key', type: 'varchar', length: 32 })
  usernameKey!: string;

  /**
   * UTS #39 skeleton of the name (`usernameSkeleton`): unique, so that no name can pose as another
   * (`аnna` with a Cyrillic а next to `anna`). Null only for an account that already looked like an
   * older one when the check came in; a unique index lets any number of nulls coexist.
   */
  @Index('UQ_account_username_skeleton', { unique: true })
  @Column({ name: 'username_skeleton', type: 'varchar', length: 255, nullable: true })
  usernameSkeleton!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'display_name', type: 'varchar', length: 64, nullable: true })
  displayName!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'auth_hash', type: 'varchar', length: 200 })
  authHash!: string;

  @Column({ name: 'kdf_salt', type: 'varchar', length: 32 })
  kdfSalt!: string;

  @Column({ name: 'kdf_iterations', type: 'integer' })
  kdfIterations!: number;

  @Column({ name: 'public_key', type: 'varchar', length: 100 })
  publicKey!: string;

  /** JSON of the AES-GCM envelope of the PKCS#8 private key under `wrapKey`. */
  @Column({ name: 'wrapped_private_key', type: 'text' })
  wrappedPrivateKey!: string;

  /** JSON of the same private key wrapped under the recovery key. */
  @Column({ name: 'recovery_wrapped_private_key', type: 'text' })
  recoveryWrappedPrivateKey!: string;

  @Column({ name: 'recovery_verifier_hash', type: 'varchar', length: 200 })
  recoveryVerifierHash!: string;

  /**
   * When she confirmed that she kept the current recovery code; null until she does. Every new
   * code (registration, renewal, either reset) sets it back to null.
   */
  @Column({
    name: 'recovery_confirmed_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMillis,
  })
  recoveryConfirmedAt!: Date | null;

  /** JSON of the e-mail address encrypted under the server's e-mail key; null without e-mail. */
  @Column({ name: 'email_ciphertext', type: 'text', nullable: true })
  emailCiphertext!: string | null;

  /** JSON of the team private key sealed to this account's public key (staff with a grant). */
  @Column({ name: 'team_key_grant', type: 'text', nullable: true })
  teamKeyGrant!: string | null;

  /** Set when a reset by e-mail replaced the identity key: older conversation keys stay locked. */
  @Column({ name: 'key_changed_at', type: 'bigint', nullable: true, transformer: epochMillis })
  keyChangedAt!: Date | null;

  /** The deletion date the last retention warning was sent for; a moved date is warned again. */
  @Column({
    name: 'retention_warned_for',
    type: 'bigint',
    nullable: true,
    transformer: epochMillis,
  })
  retentionWarnedFor!: Date | null;

  /** The last login or message she sent; the retention rules count from it. */
  @Column({ name: 'last_activity_at', type: 'bigint', transformer: epochMillis })
  lastActivityAt!: Date;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt!: Date;
}
