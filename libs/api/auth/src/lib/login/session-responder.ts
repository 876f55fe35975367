import { Injectable } from '@nestjs/common';
import { SessionResponse } from '@confidant/shared/api-interfaces';
import type { Response } from 'express';
import { AccountEntity } from '../account/account.entity';
import { AccountService } from '../account/account.service';
import { AuthenticatedRequest } from '../session/auth.decorators';
import { SessionCookie } from '../session/session-cookie';
import { AuthContext, SessionService } from '../session/session.service';

/** Starts, describes and ends sessions in the HTTP answer: cookie plus the session body. */
@Injectable()
export class SessionResponder {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
  ) {}

  /** A fresh session (the token rotates at every login); an older session of this browser ends. */
  async startSession(
    account: AccountEntity,
    request: AuthenticatedRequest,
    response: Response,
  ): Promise<SessionResponse> {
    if (request.auth) {
      await this.sessions.destroy(request.auth.session);
    }
    const now = new Date();
    const { token, session } = await this.sessions.create(account.id, now);
    await this.accounts.recordActivity(account.id, now);
    this.cookie.set(response, token);
    return this.describe({ account, session });
  }

  async describe(auth: AuthContext): Promise<SessionResponse> {
    return {
      account: await this.accounts.toResponse(auth.account),
      keys: this.accounts.keys(auth.account),
      session: this.sessions.times(auth.session),
    };
  }

  async endSession(request: AuthenticatedRequest, response: Response): Promise<void> {
    if (request.auth) {
      await this.sessions.destroy(request.auth.session);
      request.auth = undefined;
    }
    this.cookie.clear(response);
  }
}
