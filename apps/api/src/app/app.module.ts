import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { join } from 'node:path';
import { CentreModule, CentreService, MeModule, StaffModule } from '@confidant/api/accounts';
import { AuthModule } from '@confidant/api/auth';
import { ChatModule } from '@confidant/api/chat-gateway';
import { MailModule } from '@confidant/api/mail';
import { MessagingModule } from '@confidant/api/messaging';
import { PersistenceModule } from '@confidant/api/persistence';
import { RetentionModule } from '@confidant/api/retention';
import { AppConfig } from '../config/app-config';
import { AppConfigModule, SERVER_SECRET } from '../config/app-config.module';
import { HealthController } from './health/health.controller';

/** The composition root: configuration, database, mail and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, serverSecret: Uint8Array): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, serverSecret),
        PersistenceModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => appConfig.database,
        }),
        MailModule.forRoot({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => ({
            smtpUrl: appConfig.smtpUrl,
            outboxDir: join(appConfig.dataDir, 'outbox'),
          }),
        }),
        CentreModule.forRoot({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => appConfig.centreSeed,
        }),
        AuthModule.forRoot({
          inject: [AppConfig, SERVER_SECRET, CentreService],
          useFactory: (appConfig: AppConfig, secret: Uint8Array, centre: CentreService) => ({
            kdfIterations: appConfig.kdfIterations,
            serverSecret: secret,
            publicUrl: appConfig.publicUrl,
            secureCookies: appConfig.isHttps,
            sessionIdleMinutes: appConfig.sessionIdleMinutes,
            sessionAbsoluteHours: appConfig.sessionAbsoluteHours,
            mailIdentity: () => centre.mailIdentity(),
          }),
        }),
        MeModule,
        StaffModule,
        MessagingModule,
        ChatModule,
        ScheduleModule.forRoot(),
        RetentionModule,
      ],
      controllers: [HealthController],
    };
  }
}
