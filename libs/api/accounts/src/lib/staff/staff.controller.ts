import { Body, Controller, Get, HttpCode, Patch, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuthContext,
  AuthenticatedRequest,
  CredentialRoute,
  CurrentAuth,
  Public,
  Roles,
  SessionResponder,
} from '@confidant/api/auth';
import {
  CentreResponse,
  CounsellorSummary,
  InvitationResponse,
  SessionResponse,
} from '@confidant/shared/api-interfaces';
import {
  CentreUpdateDto,
  CounsellorUpdateDto,
  InvitationCreateDto,
  StaffRegisterDto,
  TeamKeyGrantDto,
  UuidParam,
} from '@confidant/shared/api-interfaces/dto';
import type { Response } from 'express';
import { CentreService } from '../centre/centre.service';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly centre: CentreService,
    private readonly responder: SessionResponder,
  ) {}

  @Post('invitations')
  @Roles('lead')
  @ApiCreatedResponse({ description: 'A single-use token for the invitation link, valid 7 days' })
  invite(@Body() dto: InvitationCreateDto): Promise<InvitationResponse> {
    return this.staff.invite(dto.role);
  }

  /** A counsellor joins through her invitation link and is logged in afterwards. */
  @Public()
  @Post('register')
  @CredentialRoute('staff', StaffRegisterDto, { byName: true })
  @ApiCreatedResponse({ description: 'The new staff account, its keys and the session times' })
  async register(
    @Body() dto: StaffRegisterDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const account = await this.staff.register(dto);
    return this.responder.startSession(account, request, response);
  }

  @Get('counsellors')
  @Roles('lead')
  @ApiOkResponse({ description: 'All staff, with whether they hold the team key' })
  list(): Promise<CounsellorSummary[]> {
    return this.staff.list();
  }

  @Put('counsellors/:id/team-key')
  @Roles('lead')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async grantTeamKey(@UuidParam() id: string, @Body() dto: TeamKeyGrantDto): Promise<void> {
    await this.staff.grantTeamKey(id, dto);
  }

  @Patch('counsellors/:id')
  @Roles('lead')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: CounsellorUpdateDto,
  ): Promise<void> {
    await this.staff.setActive(auth.account, id, dto.active);
  }

  @Patch('centre')
  @Roles('lead')
  @ApiOkResponse({ description: 'The centre settings after the change' })
  updateCentre(@Body() dto: CentreUpdateDto): Promise<CentreResponse> {
    return this.centre.update(dto);
  }
}
