import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CENTRE_SEED, CentreSeed } from './centre-seed';
import { CentreController } from './centre.controller';
import { CentreEntity } from './centre.entity';
import { CentreService } from './centre.service';

export interface CentreModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => CentreSeed;
}

/** The centre's settings: seeded on the first start, public via `GET /api/centre`; global. */
@Module({})
export class CentreModule {
  static forRoot(options: CentreModuleOptions): DynamicModule {
    const seedProvider: Provider = {
      provide: CENTRE_SEED,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    };
    return {
      module: CentreModule,
      global: true,
      imports: [TypeOrmModule.forFeature([CentreEntity])],
      controllers: [CentreController],
      providers: [seedProvider, CentreService],
      exports: [CentreService],
    };
  }
}
