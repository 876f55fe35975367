import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RecoveryStartResponse } from '@confidant/shared/api-interfaces';
import { RecoveryCompleteDto, RecoveryStartDto } from '@confidant/shared/api-interfaces/dto';
import { CredentialLimiter, CredentialRoute } from '../rate-limit/credential-throttler';
import { AuthenticatedRequest, Public } from '../session/auth.decorators';
import { RecoveryService } from './recovery.service';

@ApiTags('auth')
@Controller('auth/recovery')
export class RecoveryController {
  constructor(
    private readonly recovery: RecoveryService,
    private readonly limiter: CredentialLimiter,
  ) {}

  @Public()
  @Post('start')
  @CredentialRoute('recovery', RecoveryStartDto, { byName: true })
  @HttpCode(200)
  @ApiOkResponse({
    description: 'A short-lived recovery token and the recovery-wrapped private key',
  })
  @ApiUnauthorizedResponse({ description: 'The same answer for an unknown name and a wrong code' })
  async start(
    @Body() dto: RecoveryStartDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<RecoveryStartResponse> {
    const started = await this.recovery.start(dto);
    this.limiter.forgiveSuccess('recovery', request);
    return started;
  }

  @Public()
  @Post('complete')
  @CredentialRoute('recovery', RecoveryCompleteDto, { byName: false })
  @HttpCode(204)
  @ApiNoContentResponse()
  async complete(@Body() dto: RecoveryCompleteDto): Promise<void> {
    await this.recovery.complete(dto);
  }
}
