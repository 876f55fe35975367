import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AccountEntity } from '../account/account.entity';
import { usernameKey } from '../credentials/tokens';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AuthService } from './auth.service';

/** The same answer for an unknown name, a wrong password and a deactivated account. */
export const LOGIN_FAILED = 'Username or password is not correct.';

/** passport-local with the derived authKey in the password field (DESIGN.md section 7). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly auth: AuthService,
    private readonly rateLimiter: RateLimiter,
  ) {
    super({ usernameField: 'username', passwordField: 'authKey', passReqToCallback: true });
  }

  async validate(request: Request, username: string, authKey: string): Promise<AccountEntity> {
    this.rateLimiter.hit('login', usernameKey(username), request.ip);
    if (!/^[A-Za-z0-9_-]{43}$/.test(authKey) || username.length > 64) {
      throw new UnauthorizedException(LOGIN_FAILED);
    }
    const account = await this.auth.verifyLogin(username.normalize('NFKC').trim(), authKey);
    if (!account) {
      throw new UnauthorizedException(LOGIN_FAILED);
    }
    return account;
  }
}
