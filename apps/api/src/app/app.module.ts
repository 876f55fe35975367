import { DynamicModule, Module } from '@nestjs/common';
import { CentreModule } from '@confidant/api/accounts';
import { PersistenceModule } from '@confidant/api/persistence';
import { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/app-config.module';
import { HealthController } from './health/health.controller';

/** The composition root: configuration, database and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, serverSecret: Uint8Array): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, serverSecret),
        PersistenceModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => ({ databasePath: appConfig.databasePath }),
        }),
        CentreModule.forRoot({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => appConfig.centreSeed,
        }),
      ],
      controllers: [HealthController],
    };
  }
}
