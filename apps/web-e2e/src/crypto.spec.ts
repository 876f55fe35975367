import {
  decryptMessage,
  encryptMessage,
  exportPublicKey,
  fromBase64Url,
  generateIdentityKeyPair,
  openConversationKey,
  toBase64Url,
  type MessageContext,
} from '@confidant/shared/crypto';
import type * as Library from '@confidant/shared/crypto';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/**
 * The end-to-end encryption library (libs/shared/crypto) inside the portal's own page in Debian's
 * Chromium, so that browser and Node are held to the same bytes: the committed test vectors, and
 * fresh envelopes going both ways. The library is bundled from its TypeScript source with esbuild
 * and evaluated through page.evaluate, which the portal's CSP does not restrict.
 */

const LIB = join(__dirname, '..', '..', '..', 'libs', 'shared', 'crypto');

interface VectorCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

interface PageGlobals {
  ConfidantCrypto: typeof Library;
  ConfidantVectors: { checkVectors(vectors: unknown): Promise<VectorCheck[]> };
}

async function bundle(entry: string, globalName: keyof PageGlobals): Promise<string> {
  const result = await build({
    entryPoints: [join(LIB, entry)],
    bundle: true,
    format: 'iife',
    globalName,
    // The bundle is strict code, and a strict evaluation keeps `var` local: publish explicitly.
    footer: { js: `globalThis.${globalName} = ${globalName};` },
    platform: 'neutral',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0].text;
}

test.describe('end-to-end encryption in the browser', () => {
  test('Chromium meets every committed protocol v1 test vector, like Node', async ({ page }) => {
    const vectors: unknown = JSON.parse(readFileSync(join(LIB, 'test-vectors', 'v1.json'), 'utf8'));
    const code = await bundle('src/testing/check-vectors.ts', 'ConfidantVectors');
    await page.goto('/');
    expect(await page.evaluate(() => isSecureContext && typeof crypto.subtle.decrypt)).toBe(
      'function',
    );

    await page.evaluate(code);
    const results = await page.evaluate(
      (v) => (globalThis as unknown as PageGlobals).ConfidantVectors.checkVectors(v),
      vectors,
    );

    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'account: password gives authKey',
        'recovery: code gives recoveryVerifier',
        'conversation: the team (key from the grant) opens its sealed key',
      ]),
    );
    expect(results.length).toBeGreaterThan(60);
  });

  test('what the browser seals and encrypts, Node opens, and the other way round', async ({
    page,
  }) => {
    const code = await bundle('src/index.ts', 'ConfidantCrypto');
    await page.goto('/');
    await page.evaluate(code);

    // Node is the client here; the page plays the counsellor's side with its own team key.
    const client = await generateIdentityKeyPair();
    const clientPublicKey = Array.from(await exportPublicKey(client.publicKey));
    const context: MessageContext = {
      conversationId: crypto.randomUUID(),
      messageId: crypto.randomUUID(),
      senderId: crypto.randomUUID(),
    };
    const text = 'Grüße aus dem Browser 👋 — مرحبا';

    const fromPage = await page.evaluate(
      async ({ clientPublicKey, context, text }) => {
        const C = (globalThis as unknown as PageGlobals).ConfidantCrypto;
        const team = await C.generateIdentityKeyPair();
        const created = await C.createConversationKey({
          client: new Uint8Array(clientPublicKey),
          team: await C.exportPublicKey(team.publicKey),
        });
        const envelope = await C.encryptMessage(created.key, context, { text });
        const teamKey = await C.openConversationKey(created.sealed.team, team.privateKey);
        (globalThis as unknown as { pageKey: CryptoKey }).pageKey = teamKey;
        return { sealedForClient: created.sealed.client, envelope };
      },
      { clientPublicKey, context, text },
    );

    const key = await openConversationKey(fromPage.sealedForClient, client.privateKey);
    expect(await decryptMessage(key, context, fromPage.envelope)).toEqual({ text });

    const reply: MessageContext = { ...context, messageId: crypto.randomUUID() };
    const replyText = 'Antwort aus Node ✓';
    const envelope = await encryptMessage(key, reply, { text: replyText });
    const ct = fromBase64Url(envelope.ct);
    ct[0] ^= 1;
    const tampered = { ...envelope, ct: toBase64Url(ct) };
    const inPage = await page.evaluate(
      async ({ envelope, tampered, reply }) => {
        const C = (globalThis as unknown as PageGlobals).ConfidantCrypto;
        const pageKey = (globalThis as unknown as { pageKey: CryptoKey }).pageKey;
        const opened = await C.decryptMessage(pageKey, reply, envelope);
        const refusals: string[] = [];
        for (const claimed of [
          { ...reply, conversationId: crypto.randomUUID() },
          { ...reply, senderId: crypto.randomUUID() },
        ]) {
          await C.decryptMessage(pageKey, claimed, envelope).then(
            () => refusals.push('opened'),
            (error: unknown) =>
              refusals.push(error instanceof C.CryptoError ? error.code : String(error)),
          );
        }
        await C.decryptMessage(pageKey, reply, tampered).then(
          () => refusals.push('opened'),
          (error: unknown) =>
            refusals.push(error instanceof C.CryptoError ? error.code : String(error)),
        );
        return { text: opened.text, refusals };
      },
      { envelope, tampered, reply },
    );

    expect(inPage).toEqual({ text: replyText, refusals: ['auth', 'auth', 'auth'] });
  });
});
