import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { testMailModule } from '@confidant/api/mail/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyApiPipeline, testAuthModule } from './test-auth-module';

/** The auth module as its module tests run it: in-memory database, mails in a temp outbox. */
export interface AuthTestApp {
  app: INestApplication;
  /** The folder the mail module writes its `.eml` files to. */
  outbox: string;
  /** Closes the application and removes the outbox. */
  close(): Promise<void>;
}

export async function startAuthTestApp(): Promise<AuthTestApp> {
  const outbox = mkdtempSync(join(tmpdir(), 'confidant-auth-'));
  const moduleRef = await Test.createTestingModule({
    imports: [testDatabaseModule(), testMailModule({ outboxDir: outbox }), testAuthModule()],
  }).compile();
  const app = moduleRef.createNestApplication();
  applyApiPipeline(app);
  await app.init();
  return {
    app,
    outbox,
    close: async () => {
      await app.close();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}
