import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { PreloginResponse, Roles } from '@confidant/shared/api-interfaces';
import { PasswordChangeDto, RegisterDto } from '@confidant/shared/api-interfaces/dto';
import { createHmac } from 'node:crypto';
import { AccountEntity } from '../account/account.entity';
import { AccountService, NewIdentity } from '../account/account.service';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { EmailCipher } from '../credentials/email-cipher';
import { assertP256PublicKey } from '../credentials/public-key';
import { usernameKey } from '../credentials/tokens';
import { AuthContext, SessionService } from '../session/session.service';

/** The answer to a registration before the centre is set up. */
export const REGISTRATION_CLOSED =
  'The portal is not open yet: the centre has not been set up. Please try again later.';

/** Prelogin, registration, login and password change: the zero-knowledge login of DESIGN.md 4. */
@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly emails: EmailCipher,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /**
   * The salt and iterations to derive the keys. For an unknown name the salt is derived from the
   * server secret, so the answer is stable and looks like a real one: it reveals nothing.
   */
  async prelogin(username: string): Promise<PreloginResponse> {
    const account = await this.accounts.findByUsername(username);
    if (account) {
      return { kdfSalt: account.kdfSalt, kdfIterations: account.kdfIterations };
    }
    const salt = createHmac('sha256', Buffer.from(this.settings.serverSecret))
      .update(usernameKey(username), 'utf8')
      .digest()
      .subarray(0, 16);
    return { kdfSalt: salt.toString('base64url'), kdfIterations: this.settings.kdfIterations };
  }

  /**
   * A new client account with the key material her browser made. Only once the centre is set up
   * (it has a lead, and with her the team key): before that, nobody could read her enquiry.
   */
  async register(dto: RegisterDto): Promise<AccountEntity> {
    if ((await this.accounts.countByRole(Roles.lead)) === 0) {
      throw new ForbiddenException(REGISTRATION_CLOSED);
    }
    await this.checkIdentity(dto);
    const account = await this.accounts.create({ ...dto, role: Roles.client });
    if (dto.email) {
      const emailCiphertext = this.emails.encrypt(account.id, dto.email);
      await this.accounts.update(account.id, { emailCiphertext });
      account.emailCiphertext = emailCiphertext;
    }
    return account;
  }

  /** The account if the authKey is right and the account active; null otherwise, in equal time. */
  async verifyLogin(username: string, authKey: string): Promise<AccountEntity | null> {
    const account = await this.accounts.findByUsername(username);
    const valid = await this.accounts.verifyAuthKey(account, authKey);
    return valid && account?.active ? account : null;
  }

  /** Re-wraps the private key under the new password and ends the other sessions. */
  async changePassword(auth: AuthContext, dto: PasswordChangeDto): Promise<void> {
    await this.requireAuthKey(auth.account, dto.authKey);
    this.checkIterations(dto.newKdfIterations);
    await this.accounts.update(auth.account.id, {
      authHash: await this.accounts.hashSecret(dto.newAuthKey),
      kdfSalt: dto.newKdfSalt,
      kdfIterations: dto.newKdfIterations,
      wrappedPrivateKey: JSON.stringify(dto.newWrappedPrivateKey),
    });
    await this.sessions.destroyAll(auth.account.id, auth.session);
  }

  /** Operations on the own account ask for the password again; a wrong one gives 403. */
  async requireAuthKey(account: AccountEntity, authKey: string): Promise<void> {
    if (!(await this.accounts.verifyAuthKey(account, authKey))) {
      throw new ForbiddenException('The password is not correct.');
    }
  }

  /** Checks what the server can check of new key material before storing it. */
  async checkIdentity(identity: NewIdentity): Promise<void> {
    this.checkIterations(identity.kdfIterations);
    await assertP256PublicKey(identity.publicKey);
  }

  private checkIterations(iterations: number): void {
    if (iterations < this.settings.kdfIterations) {
      throw new BadRequestException(
        `kdfIterations must be at least ${this.settings.kdfIterations}`,
      );
    }
  }
}
