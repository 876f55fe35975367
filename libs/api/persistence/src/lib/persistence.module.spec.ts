import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersistenceModule } from './persistence.module';

describe('PersistenceModule', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-module-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives up at once on a file that is not a database, without retrying or logging stacks', async () => {
    const databasePath = join(dir, 'portal.sqlite');
    writeFileSync(databasePath, Buffer.alloc(8192, 7));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const started = Date.now();

    const compiling = Test.createTestingModule({
      imports: [PersistenceModule.forRootAsync({ useFactory: () => ({ databasePath }) })],
    }).compile();

    await expect(compiling).rejects.toThrow(/SQLITE_NOTADB/);
    // Nest's default was 9 retries, 3 s apart, each logging "Unable to connect to the database".
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });
});
