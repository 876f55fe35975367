import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@confidant/api/auth';
import { ApiRoutes, HealthResponse } from '@confidant/shared/api-interfaces';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller(ApiRoutes.health)
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For load balancers and monitoring: answers 200 only when the database answers a query. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The API and its database work' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async check(): Promise<HealthResponse> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      this.logger.error(`Health check failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The database does not answer');
    }
    return { status: 'ok', database: 'ok' };
  }
}
