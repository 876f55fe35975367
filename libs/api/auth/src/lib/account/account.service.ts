import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AccountKeys,
  AccountResponse,
  AesEnvelopeDto,
  Role,
  Roles,
  SealedEnvelopeDto,
} from '@confidant/shared/api-interfaces';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { usernameKey } from '../credentials/tokens';
import { usernameSkeleton } from '../credentials/username-skeleton';
import { SecretHasher } from '../credentials/secret-hasher';
import { EmailCipher } from '../credentials/email-cipher';
import { AccountEntity } from './account.entity';
import { DeletionDates } from './deletion-dates';

/** The key material of a new account, as the browser made it. */
export interface NewIdentity {
  authKey: string;
  kdfSalt: string;
  kdfIterations: number;
  publicKey: string;
  wrappedPrivateKey: AesEnvelopeDto;
  recoveryWrappedPrivateKey: AesEnvelopeDto;
  recoveryVerifier: string;
}

export interface NewAccount extends NewIdentity {
  username: string;
  role: Role;
  displayName?: string | null;
}

/** Accounts and their credentials; other modules go through this service, not the repository. */
@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    private readonly hasher: SecretHasher,
    private readonly deletionDates: DeletionDates,
    private readonly emails: EmailCipher,
  ) {}

  findByUsername(username: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ usernameKey: usernameKey(username) });
  }

  findById(id: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ id });
  }

  /**
   * Creates an account. A username taken in any letter case, or one that looks like a taken one
   * (same UTS #39 skeleton), gives the same 409: the unique indexes decide, also in a race.
   */
  async create(input: NewAccount, now = new Date()): Promise<AccountEntity> {
    const account = this.accounts.create({
      id: randomUUID(),
      username: input.username,
      usernameKey: usernameKey(input.username),
      usernameSkeleton: usernameSkeleton(input.username),
      role: input.role,
      displayName: input.displayName ?? null,
      active: true,
      emailCiphertext: null,
      teamKeyGrant: null,
      keyChangedAt: null,
      retentionWarnedFor: null,
      lastActivityAt: now,
      createdAt: now,
      ...(await this.credentials(input)),
    });
    try {
      await this.accounts.insert(account);
      return account;
    } catch (error) {
      if (error instanceof QueryFailedError && /UNIQUE|duplicate key/i.test(error.message)) {
        throw new ConflictException('This username is already taken. Please choose another one.');
      }
      throw error;
    }
  }

  /** The stored form of a new identity: secrets hashed, envelopes as JSON, the code unconfirmed. */
  async credentials(identity: NewIdentity): Promise<Partial<AccountEntity>> {
    const [authHash, recoveryVerifierHash] = await Promise.all([
      this.hashSecret(identity.authKey),
      this.hashSecret(identity.recoveryVerifier),
    ]);
    return {
      authHash,
      recoveryVerifierHash,
      kdfSalt: identity.kdfSalt,
      kdfIterations: identity.kdfIterations,
      publicKey: identity.publicKey,
      wrappedPrivateKey: JSON.stringify(identity.wrappedPrivateKey),
      recoveryWrappedPrivateKey: JSON.stringify(identity.recoveryWrappedPrivateKey),
      // A new code is not kept until she says so.
      recoveryConfirmedAt: null,
    };
  }

  /** argon2id of a base64url secret (authKey or recovery verifier). */
  hashSecret(secret: string): Promise<string> {
    return this.hasher.hash(secret);
  }

  /** Whether the authKey proves the password; costs the same when there is no account. */
  verifyAuthKey(account: AccountEntity | null, authKey: string): Promise<boolean> {
    return this.hasher.verifyOrDummy(account?.authHash, authKey);
  }

  verifyRecovery(account: AccountEntity | null, verifier: string): Promise<boolean> {
    return this.hasher.verifyOrDummy(account?.recoveryVerifierHash, verifier);
  }

  /** Every counsellor and lead, active or not, by name. */
  findStaff(): Promise<AccountEntity[]> {
    return this.accounts.find({
      where: [{ role: Roles.counsellor }, { role: Roles.lead }],
      order: { usernameKey: 'ASC' },
    });
  }

  countByRole(role: Role): Promise<number> {
    return this.accounts.countBy({ role });
  }

  async update(id: string, changes: Partial<AccountEntity>): Promise<void> {
    await this.accounts.update({ id }, changes);
  }

  async recordActivity(id: string, now = new Date()): Promise<void> {
    await this.accounts.update({ id }, { lastActivityAt: now });
  }

  async toResponse(account: AccountEntity): Promise<AccountResponse> {
    const deletionDate = await this.deletionDates.of(account);
    return {
      id: account.id,
      username: account.username,
      role: account.role,
      displayName: account.displayName,
      hasEmail: account.emailCiphertext !== null,
      maskedEmail: this.emails.masked(account.id, account.emailCiphertext),
      deletionDate: deletionDate?.toISOString() ?? null,
      recoveryConfirmed: account.recoveryConfirmedAt !== null,
    };
  }

  keys(account: AccountEntity): AccountKeys {
    return {
      publicKey: account.publicKey,
      wrappedPrivateKey: JSON.parse(account.wrappedPrivateKey) as AesEnvelopeDto,
      teamKeyGrant: account.teamKeyGrant
        ? (JSON.parse(account.teamKeyGrant) as SealedEnvelopeDto)
        : null,
    };
  }
}
