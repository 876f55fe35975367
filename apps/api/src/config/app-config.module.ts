import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Server secret, as raw bytes; never logged. */
export const SERVER_SECRET = Symbol('SERVER_SECRET');

/** Makes the validated {@link AppConfig} and the server secret injectable everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, serverSecret: Uint8Array): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SERVER_SECRET, useValue: serverSecret },
      ],
      exports: [AppConfig, SERVER_SECRET],
    };
  }
}
