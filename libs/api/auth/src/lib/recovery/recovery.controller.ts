import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RecoveryStartResponse } from '@confidant/shared/api-interfaces';
import { RecoveryCompleteDto, RecoveryStartDto } from '@confidant/shared/api-interfaces/dto';
import { usernameKey } from '../credentials/tokens';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AuthenticatedRequest, Public } from '../session/auth.decorators';
import { RecoveryService } from './recovery.service';

@ApiTags('auth')
@Controller('auth/recovery')
export class RecoveryController {
  constructor(
    private readonly recovery: RecoveryService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Public()
  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'A short-lived recovery token and the recovery-wrapped private key',
  })
  @ApiUnauthorizedResponse({ description: 'The same answer for an unknown name and a wrong code' })
  start(
    @Body() dto: RecoveryStartDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<RecoveryStartResponse> {
    this.rateLimiter.hit('recovery', usernameKey(dto.username), request.ip);
    return this.recovery.start(dto);
  }

  @Public()
  @Post('complete')
  @HttpCode(204)
  @ApiNoContentResponse()
  async complete(
    @Body() dto: RecoveryCompleteDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<void> {
    this.rateLimiter.hit('recovery', null, request.ip);
    await this.recovery.complete(dto);
  }
}
