import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AesEnvelopeDto, RecoveryStartResponse } from '@confidant/shared/api-interfaces';
import { RecoveryCompleteDto, RecoveryStartDto } from '@confidant/shared/api-interfaces/dto';
import { laterThan } from '@confidant/api/persistence';
import { Repository } from 'typeorm';
import { AccountService } from '../account/account.service';
import { AuthTokenEntity } from '../credentials/auth-token.entity';
import { newToken, tokenHash } from '../credentials/tokens';
import { AuthService } from '../login/auth.service';
import { SessionService } from '../session/session.service';

/** Between proving the recovery code and choosing the new password. */
export const RECOVERY_TOKEN_TTL_MS = 15 * 60_000;

export const RECOVERY_FAILED = 'Username or recovery code is not correct.';

/**
 * Reset with the recovery code: she proves the code's verifier, opens her private key with the
 * recovery key in the browser and sets a new password; her history stays readable.
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>,
  ) {}

  async start(dto: RecoveryStartDto, now = new Date()): Promise<RecoveryStartResponse> {
    const account = await this.accounts.findByUsername(dto.username);
    const valid = await this.accounts.verifyRecovery(account, dto.recoveryVerifier);
    if (!valid || !account?.active) {
      throw new UnauthorizedException(RECOVERY_FAILED);
    }
    const recoveryToken = newToken();
    await this.tokens.delete({ accountId: account.id, purpose: 'recovery' });
    await this.tokens.insert(
      this.tokens.create({
        tokenHash: tokenHash(recoveryToken),
        accountId: account.id,
        purpose: 'recovery',
        expiresAt: new Date(now.getTime() + RECOVERY_TOKEN_TTL_MS),
      }),
    );
    return {
      recoveryToken,
      recoveryWrappedPrivateKey: JSON.parse(account.recoveryWrappedPrivateKey) as AesEnvelopeDto,
    };
  }

  /** Same key pair, new password and new recovery code; every session ends. */
  async complete(dto: RecoveryCompleteDto, now = new Date()): Promise<void> {
    const token = await this.tokens.findOneBy({
      tokenHash: tokenHash(dto.recoveryToken),
      purpose: 'recovery',
      expiresAt: laterThan(now),
    });
    const account = token ? await this.accounts.findById(token.accountId) : null;
    if (!token || !account?.active) {
      throw new BadRequestException('The recovery has expired. Please start again.');
    }
    const credentials = await this.accounts.credentials({ ...dto, publicKey: account.publicKey });
    await this.auth.checkIdentity({ ...dto, publicKey: account.publicKey });
    const deleted = await this.tokens.delete({ tokenHash: token.tokenHash });
    if (!deleted.affected) {
      throw new BadRequestException('The recovery has expired. Please start again.');
    }
    await this.accounts.update(account.id, credentials);
    await this.tokens.delete({ accountId: account.id });
    await this.sessions.destroyAll(account.id);
  }
}
