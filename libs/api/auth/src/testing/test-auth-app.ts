import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { testMailModule } from '@confidant/api/mail/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistration } from './centre-lead';
import { applyApiPipeline, testAuthModule } from './test-auth-module';

/** The auth module as its module tests run it: in-memory database, mails in a temp outbox. */
export interface AuthTestApp {
  app: INestApplication;
  /** The folder the mail module writes its `.eml` files to. */
  outbox: string;
  /** Closes the application and removes the outbox. */
  close(): Promise<void>;
}

/** `centreSetUp: false` leaves the centre without a lead, so that registration is closed. */
export async function startAuthTestApp({ centreSetUp = true } = {}): Promise<AuthTestApp> {
  const outbox = mkdtempSync(join(tmpdir(), 'confidant-auth-'));
  const moduleRef = await Test.createTestingModule({
    imports: [testDatabaseModule(), testMailModule({ outboxDir: outbox }), testAuthModule()],
  }).compile();
  const app = moduleRef.createNestApplication();
  applyApiPipeline(app);
  await app.init();
  if (centreSetUp) {
    await openRegistration(app);
  }
  return {
    app,
    outbox,
    close: async () => {
      await app.close();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}
