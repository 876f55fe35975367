import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuthenticatedRequest,
  CredentialRoute,
  Public,
  SessionResponder,
} from '@confidant/api/auth';
import { SessionResponse, SetupStatusResponse } from '@confidant/shared/api-interfaces';
import { SetupDto } from '@confidant/shared/api-interfaces/dto';
import type { Response } from 'express';
import { SetupService } from './setup.service';

@ApiTags('staff')
@Controller('setup')
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly responder: SessionResponder,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'Whether the centre still waits for its first lead' })
  async status(): Promise<SetupStatusResponse> {
    return { needed: await this.setup.isNeeded() };
  }

  /** Creates the first lead and the team key from the one-time link; she is logged in. */
  @Public()
  @Post()
  @CredentialRoute('staff', SetupDto, { byName: true })
  @ApiCreatedResponse({ description: 'The first lead, her keys and the session times' })
  async complete(
    @Body() dto: SetupDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const lead = await this.setup.complete(dto);
    return this.responder.startSession(lead, request, response);
  }
}
