// `npm start`: builds what is missing (Nx replays unchanged builds from its cache) and runs the
// portal on PORT (3000) with the embedded SQLite database in DATA_DIR (./data).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

process.stdout.write('Building the portal where needed (the first start takes a minute or two)…\n');
const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/nx/bin/nx.js'),
    'run-many',
    '-t',
    'build',
    '-p',
    'api',
    'web',
    '--outputStyle=static',
  ],
  { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (build.status !== 0) {
  process.stderr.write('The build failed; run "npx nx run-many -t build" to see why.\n');
  process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
