import { Body, Controller, HttpCode, Logger, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ResetConfirmDto, ResetRequestDto } from '@confidant/shared/api-interfaces/dto';
import { usernameKey } from '../credentials/tokens';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AuthenticatedRequest, Public } from '../session/auth.decorators';
import { ResetService } from './reset.service';

@ApiTags('auth')
@Controller('auth/reset')
export class ResetController {
  private readonly logger = new Logger(ResetController.name);

  constructor(
    private readonly reset: ResetService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Always 202, at once: whether a mail goes out is not revealed. */
  @Public()
  @Post('request')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Always, whether or not the name exists or has an e-mail' })
  requestReset(@Body() dto: ResetRequestDto, @Req() request: AuthenticatedRequest): void {
    this.rateLimiter.hit('reset', usernameKey(dto.username), request.ip);
    this.reset.request(dto.username).catch((error: unknown) => {
      this.logger.error(`A password reset mail could not be sent: ${(error as Error).name}`);
    });
  }

  /** Sets a new password and identity key with the token from the link. */
  @Public()
  @Post('confirm')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'The link is unknown, used or expired' })
  async confirm(@Body() dto: ResetConfirmDto, @Req() request: AuthenticatedRequest): Promise<void> {
    this.rateLimiter.hit('reset', null, request.ip);
    await this.reset.confirm(dto);
  }
}
