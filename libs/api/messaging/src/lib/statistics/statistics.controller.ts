import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@confidant/api/auth';
import { Roles as RoleNames, StatisticsResponse } from '@confidant/shared/api-interfaces';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles(RoleNames.lead)
  @ApiOkResponse({
    description: 'Enquiries per month, median time to the first answer, share within the promise',
  })
  summary(): Promise<StatisticsResponse> {
    return this.statistics.summary();
  }
}
