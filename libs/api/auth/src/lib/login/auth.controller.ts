import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  PreloginResponse,
  SessionResponse,
  SessionStatusResponse,
} from '@confidant/shared/api-interfaces';
import {
  LoginDto,
  PasswordChangeDto,
  PreloginDto,
  RegisterDto,
} from '@confidant/shared/api-interfaces/dto';
import type { Response } from 'express';
import { AccountEntity } from '../account/account.entity';
import { CredentialRoute } from '../rate-limit/credential-throttler';
import { AuthenticatedRequest, CurrentAuth, Public, Roles } from '../session/auth.decorators';
import { SessionCookie } from '../session/session-cookie';
import { AuthContext } from '../session/session.service';
import { AuthService } from './auth.service';
import { LocalAuthGuard } from './local-auth.guard';
import { SessionResponder } from './session-responder';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
    private readonly responder: SessionResponder,
  ) {}

  /** The parameters to derive the keys from the password; the same shape for unknown names. */
  @Public()
  @Post('prelogin')
  @CredentialRoute('prelogin', PreloginDto, { byName: true })
  @HttpCode(200)
  @ApiOkResponse({ description: 'kdfSalt and kdfIterations' })
  prelogin(@Body() dto: PreloginDto): Promise<PreloginResponse> {
    return this.auth.prelogin(dto.username);
  }

  /** A new client account; she is logged in afterwards. */
  @Public()
  @Post('register')
  @CredentialRoute('register', RegisterDto, { byName: true })
  @ApiCreatedResponse({ description: 'The account, its keys and the session times' })
  @ApiConflictResponse({ description: 'The username is taken' })
  async register(
    @Body() dto: RegisterDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const account = await this.auth.register(dto);
    return this.responder.startSession(account, request, response);
  }

  /** Logs in with the derived authKey; a new session replaces any earlier one of this browser. */
  @Public()
  @Post('login')
  @CredentialRoute('login', LoginDto, { byName: true }, LocalAuthGuard)
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ description: 'The account, its keys and the session times' })
  @ApiUnauthorizedResponse({ description: 'The same answer for every failure' })
  login(
    @Req() request: AuthenticatedRequest & { user: AccountEntity },
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    return this.responder.startSession(request.user, request, response);
  }

  /** The current session, to continue after a reload (the browser then asks for the password). */
  @Get('session')
  @Roles()
  session(@CurrentAuth() auth: AuthContext): Promise<SessionResponse> {
    return this.responder.describe(auth);
  }

  /**
   * Whether this browser has a session, without an error status when it has none: the web app
   * asks at every page load, and an anonymous visitor is the normal case, not a failure.
   */
  @Public()
  @Get('status')
  @ApiOkResponse({ description: '{session} with the same body as login, or {session: null}' })
  async status(@Req() request: AuthenticatedRequest): Promise<SessionStatusResponse> {
    return { session: request.auth ? await this.responder.describe(request.auth) : null };
  }

  /** Ends the session on the server and clears the cookie; safe to call without one. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.responder.endSession(request, response);
  }

  /** Changes the password: the private key arrives re-wrapped; other sessions end. */
  @Post('password')
  @HttpCode(204)
  @Roles()
  @ApiNoContentResponse()
  async changePassword(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: PasswordChangeDto,
  ): Promise<void> {
    await this.auth.changePassword(auth, dto);
  }
}
