import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@confidant/api/auth';
import { ApiRoutes, CentreResponse } from '@confidant/shared/api-interfaces';
import { CentreResponseDto } from './centre-response.dto';
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
}
