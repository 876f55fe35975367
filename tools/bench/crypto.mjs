// Benchmark of libs/shared/crypto (protocol v1) in Node and in Debian's Chromium.
//
//   npm run bench:crypto
//
// Measures what a user waits for: PBKDF2-SHA256 at 600 000 iterations (every login) and opening
// 1 000 messages of 1 KB with one conversation key (a long conversation). The same esbuild bundle
// of the TypeScript source runs in both. Exits non-zero if a Chromium target is missed.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'libs', 'shared', 'crypto', 'src', 'index.ts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { pbkdf2: 1500, open1000: 150 };
const OPTIONS = {
  iterations: 600_000,
  pbkdf2Runs: 3,
  messages: 1000,
  messageBytes: 1024,
  rounds: 5,
};

/**
 * Runs in Node and, serialised by Playwright, in the page: keep it self-contained.
 * `C` is the library's namespace object.
 */
async function runBench(C, o) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (fn) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  const { kdfSalt } = C.newKdfParams();
  const pbkdf2 = [];
  for (let i = 0; i < o.pbkdf2Runs; i++) {
    pbkdf2.push(
      await time(() => C.deriveAccountKeys('correct horse battery staple', kdfSalt, o.iterations)),
    );
  }

  const me = await C.generateIdentityKeyPair();
  const { sealed } = await C.createConversationKey({ me: await C.exportPublicKey(me.publicKey) });
  let key;
  const openKey = await time(async () => {
    key = await C.openConversationKey(sealed.me, me.privateKey);
  });
  const text = 'x'.repeat(o.messageBytes);
  const conversationId = crypto.randomUUID();
  const senderId = crypto.randomUUID();
  const items = [];
  for (let i = 0; i < o.messages; i++) {
    const context = { conversationId, messageId: crypto.randomUUID(), senderId };
    // As received from the API: parsed JSON.
    items.push({
      context,
      envelope: JSON.parse(JSON.stringify(await C.encryptMessage(key, context, { text }))),
    });
  }
  const sequential = [];
  const parallel = [];
  for (let r = 0; r < o.rounds; r++) {
    sequential.push(
      await time(async () => {
        for (const m of items) {
          const content = await C.decryptMessage(key, m.context, m.envelope);
          if (content.text.length !== o.messageBytes) throw new Error('wrong plaintext');
        }
      }),
    );
    parallel.push(
      await time(() => Promise.all(items.map((m) => C.decryptMessage(key, m.context, m.envelope)))),
    );
  }
  return {
    pbkdf2: { median: median(pbkdf2), runs: pbkdf2 },
    openConversationKey: openKey,
    open1000Sequential: { median: median(sequential), runs: sequential },
    open1000Parallel: { median: median(parallel), runs: parallel },
  };
}

async function bundle(format) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format,
    globalName: format === 'iife' ? 'ConfidantCrypto' : undefined,
    // The bundle starts with "use strict", and a strict evaluation keeps `var` local.
    footer: format === 'iife' ? { js: 'globalThis.ConfidantCrypto = ConfidantCrypto;' } : undefined,
    platform: 'neutral',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0].text;
}

async function benchNode() {
  const code = await bundle('esm');
  const C = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
  return { name: `Node ${process.versions.node}`, result: await runBench(C, OPTIONS) };
}

async function benchChromium() {
  const code = await bundle('iife');
  // A blank page on 127.0.0.1 (a secure context, so crypto.subtle exists) with the portal's CSP.
  const server = createServer((_, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'",
    });
    res.end('<!doctype html><html lang="en"><title>crypto bench</title></html>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    // page.evaluate of a string is not subject to the page's CSP (a <script> tag would be).
    await page.evaluate(code);
    await page.evaluate(`globalThis.runBench = ${runBench.toString()};`);
    const result = await page.evaluate(
      (o) => globalThis.runBench(globalThis.ConfidantCrypto, o),
      OPTIONS,
    );
    return { name: `Chromium ${browser.version()}`, result };
  } finally {
    await browser.close();
    server.close();
  }
}

const ms = (x) => `${x.toFixed(1).padStart(8)} ms`;

function report(runs) {
  const rows = [
    [
      `PBKDF2-SHA256, ${OPTIONS.iterations.toLocaleString('en')} iterations (median of ${OPTIONS.pbkdf2Runs})`,
      (r) => r.pbkdf2.median,
    ],
    ['open one sealed conversation key (ECDH-ES)', (r) => r.openConversationKey],
    [
      `open ${OPTIONS.messages} messages of 1 KB, one after another (median of ${OPTIONS.rounds})`,
      (r) => r.open1000Sequential.median,
    ],
    [
      `open ${OPTIONS.messages} messages of 1 KB, all at once (median of ${OPTIONS.rounds})`,
      (r) => r.open1000Parallel.median,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const cpu = cpus();
  const lines = [
    'Confidant crypto benchmark (protocol v1)',
    `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`,
    '',
  ];
  lines.push(`${''.padEnd(width)}  ${runs.map((r) => r.name.padEnd(22)).join('  ')}`);
  for (const [label, pick] of rows) {
    lines.push(
      `${label.padEnd(width)}  ${runs.map((r) => ms(pick(r.result)).padEnd(22)).join('  ')}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

const node = await benchNode();
const browser = await benchChromium();
report([node, browser]);

const c = browser.result;
const checks = [
  ['PBKDF2 600 000 in Chromium', c.pbkdf2.median, TARGETS.pbkdf2],
  [
    'open 1 000 × 1 KB in Chromium (one after another)',
    c.open1000Sequential.median,
    TARGETS.open1000,
  ],
];
let missed = false;
for (const [label, value, target] of checks) {
  const ok = value <= target;
  missed ||= !ok;
  process.stdout.write(
    `${ok ? 'ok    ' : 'MISSED'}  ${label}: ${value.toFixed(1)} ms (target ≤ ${target} ms)\n`,
  );
}
process.exitCode = missed ? 1 : 0;
