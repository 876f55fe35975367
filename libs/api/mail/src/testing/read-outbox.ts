import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMail, ParsedMail } from './parse-mail';

/** A mail found in the outbox folder. */
export interface OutboxMail extends ParsedMail {
  fileName: string;
  raw: string;
}

/** Reads every `.eml` file of an outbox folder, oldest first; none if the folder does not exist. */
export async function readOutbox(outboxDir: string): Promise<OutboxMail[]> {
  const fileNames = await readdir(outboxDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return [];
    }
    throw error;
  });
  const emlNames = fileNames.filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(
    emlNames.map(async (fileName) => {
      const raw = await readFile(join(outboxDir, fileName), 'utf8');
      return { fileName, raw, ...parseMail(raw) };
    }),
  );
}
