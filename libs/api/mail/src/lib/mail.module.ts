import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MAIL_SETTINGS, MailSettings } from './mail-settings';
import { MailService } from './mail.service';

export interface MailModuleOptions {
  // Nest's own provider APIs type injection tokens this loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => MailSettings | Promise<MailSettings>;
}

/**
 * Outgoing e-mail: SMTP when configured, otherwise `.eml` files in an outbox folder. Configured
 * once in the root module and global, like the database, so that every feature module that sends
 * a notice or a reset link gets the same `MailService`.
 */
@Module({})
export class MailModule {
  static forRoot(options: MailModuleOptions): DynamicModule {
    const settingsProvider: Provider = {
      provide: MAIL_SETTINGS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    };
    return {
      module: MailModule,
      global: true,
      providers: [settingsProvider, MailService],
      exports: [MailService],
    };
  }
}
