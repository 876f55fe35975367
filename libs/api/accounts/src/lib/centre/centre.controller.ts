import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@confidant/api/auth';
import { ApiRoutes, CentreMailResponse, CentreResponse } from '@confidant/shared/api-interfaces';
import { CentreMailResponseDto, CentreResponseDto } from './centre-response.dto';
import { CentreService } from './centre.service';

@ApiTags('centre')
@Controller(ApiRoutes.centre)
export class CentreController {
  constructor(private readonly centre: CentreService) {}

  /** Public: the landing page and every later screen show the name, phone and promise. */
  @Public()
  @Get()
  @ApiOkResponse({ type: CentreResponseDto })
  getCentre(): Promise<CentreResponse> {
    return this.centre.getPublicCentre();
  }

  /**
   * Leads only: the current sender and subject of the neutral notices (not public: a sender can
   * tell which centre a mail came from) and why the last notice could not be sent, if it could not.
   */
  @Get('mail')
  @Roles('lead')
  @ApiOkResponse({ type: CentreMailResponseDto })
  getMailSettings(): Promise<CentreMailResponse> {
    return this.centre.mailSettings();
  }
}
