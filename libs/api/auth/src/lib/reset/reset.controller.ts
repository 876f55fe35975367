import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ResetConfirmDto, ResetRequestDto } from '@confidant/shared/api-interfaces/dto';
import { CredentialRoute } from '../rate-limit/credential-throttler';
import { Public } from '../session/auth.decorators';
import { ResetService } from './reset.service';

@ApiTags('auth')
@Controller('auth/reset')
export class ResetController {
  constructor(private readonly reset: ResetService) {}

  /** Always 202, at once: whether a mail goes out is not revealed. */
  @Public()
  @Post('request')
  @CredentialRoute('reset', ResetRequestDto, { byName: true })
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Always, whether or not the name exists or has an e-mail' })
  requestReset(@Body() dto: ResetRequestDto): void {
    this.reset.requestInBackground(dto.username);
  }

  /** Sets a new password and identity key with the token from the link. */
  @Public()
  @Post('confirm')
  @CredentialRoute('reset', ResetConfirmDto, { byName: false })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'The link is unknown, used or expired' })
  async confirm(@Body() dto: ResetConfirmDto): Promise<void> {
    await this.reset.confirm(dto);
  }
}
