import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AccountEntity } from '../account/account.entity';
import { CredentialLimiter } from '../rate-limit/credential-throttler';
import { AuthService } from './auth.service';

/** The same answer for an unknown name, a wrong password and a deactivated account. */
export const LOGIN_FAILED = 'Username or password is not correct.';

/** passport-local with the derived authKey in the password field (DESIGN.md section 7). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: CredentialLimiter,
  ) {
    super({ usernameField: 'username', passwordField: 'authKey', passReqToCallback: true });
  }

  /** The body has been checked (`LoginDto`) and counted (`CredentialRoute`) before this runs. */
  async validate(request: Request, username: string, authKey: string): Promise<AccountEntity> {
    const account = await this.auth.verifyLogin(username, authKey);
    if (!account) {
      throw new UnauthorizedException(LOGIN_FAILED);
    }
    this.limiter.forgiveSuccess('login', request);
    return account;
  }
}
