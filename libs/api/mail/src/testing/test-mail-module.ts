import { DynamicModule } from '@nestjs/common';
import { MailSettings } from '../lib/mail-settings';
import { MailModule } from '../lib/mail.module';

/**
 * The mail module for a module test: the outbox in the given folder (read it with `readOutbox`),
 * or the SMTP URL of a `startTestSmtpServer()`, and retries without waiting. Tests only.
 */
export function testMailModule(
  settings: Pick<MailSettings, 'outboxDir'> & Partial<MailSettings>,
): DynamicModule {
  return MailModule.forRoot({
    useFactory: (): MailSettings => ({ smtpUrl: null, retryDelaysMs: [0, 0], ...settings }),
  });
}
