// Regenerates test-vectors/v1.json from src/testing/make-vectors.ts.
//
//   node libs/shared/crypto/scripts/make-vectors.mjs
//
// Only for a deliberate protocol change (which means a new protocol version and a new file):
// the tests check the committed vectors and must fail when the library stops matching them.
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-vectors', 'v1.json');

const bundle = await build({
  entryPoints: [join(root, 'src', 'testing', 'make-vectors.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  write: false,
});
const code = bundle.outputFiles[0].text;
const { makeVectors } = await import(
  'data:text/javascript;base64,' + Buffer.from(code).toString('base64')
);
const vectors = await makeVectors();
const config = await resolveConfig(out);
const json = await format(JSON.stringify(vectors), { ...config, parser: 'json' });
await writeFile(out, json);
process.stdout.write(`wrote ${out}\n`);
