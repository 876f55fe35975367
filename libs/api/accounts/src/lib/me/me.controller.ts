import { Body, Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthContext, CurrentAuth, Roles, SessionCookie } from '@confidant/api/auth';
import { AccountResponse } from '@confidant/shared/api-interfaces';
import { AuthKeyDto, EmailChangeDto, RecoveryRenewDto } from '@confidant/shared/api-interfaces/dto';
import type { Response } from 'express';
import { MeService } from './me.service';

@ApiTags('accounts')
@Controller('accounts/me')
@Roles()
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly cookie: SessionCookie,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The own account' })
  describe(@CurrentAuth() auth: AuthContext): Promise<AccountResponse> {
    return this.me.describe(auth);
  }

  @Put('email')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'The password is not correct' })
  async setEmail(@CurrentAuth() auth: AuthContext, @Body() dto: EmailChangeDto): Promise<void> {
    await this.me.setEmail(auth, dto);
  }

  @Delete('email')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeEmail(@CurrentAuth() auth: AuthContext, @Body() dto: AuthKeyDto): Promise<void> {
    await this.me.removeEmail(auth, dto.authKey);
  }

  @Post('recovery')
  @HttpCode(204)
  @ApiNoContentResponse()
  async renewRecovery(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: RecoveryRenewDto,
  ): Promise<void> {
    await this.me.renewRecovery(auth, dto);
  }

  /** She kept the recovery code shown last; `recoveryConfirmed` is true from now on. */
  @Post('recovery/confirmation')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'She confirmed that she kept her current recovery code' })
  async confirmRecovery(@CurrentAuth() auth: AuthContext): Promise<void> {
    await this.me.confirmRecovery(auth);
  }

  /** Deletes the account irrevocably and ends the session. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  async erase(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: AuthKeyDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.me.erase(auth, dto.authKey);
    this.cookie.clear(response);
  }
}
