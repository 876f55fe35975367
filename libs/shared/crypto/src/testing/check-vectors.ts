/**
 * Checks an implementation against the committed protocol v1 test vectors, in both directions:
 * the public API must open every envelope to the recorded result, and the internal fixed-iv /
 * fixed-ephemeral-key seams must reproduce every envelope byte for byte. Runs unchanged in Node
 * (Jest) and in a browser (the Playwright spec bundles this file), so both are held to the same
 * bytes. Each check reports instead of throwing, so one run lists every incompatibility.
 */
import { deriveAccountKeys, deriveRecoveryKeys } from '../lib/account-keys';
import { fromBase64Url, toBase64Url } from '../lib/encoding';
import { CryptoError } from '../lib/errors';
import {
  importPrivateKeyPkcs8,
  importPublicKey,
  unwrapPrivateKey,
  unwrapPrivateKeyBytes,
  wrapPrivateKeyBytes,
} from '../lib/identity';
import { decryptMessage, encryptMessageWithIv } from '../lib/messages';
import { importAesKey } from '../lib/primitives';
import type { SealPurpose } from '../lib/protocol';
import { formatRecoveryCode, parseRecoveryCode } from '../lib/recovery-code';
import { openConversationKey, openSealedBytes, openTeamKey, sealBytesWith } from '../lib/seal';
import type { TestVectorsV1, VectorSeal } from './test-vectors';

/** Outcome of one named check. */
export interface VectorCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

function same(what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e}, got ${a}`);
  }
}

async function expectCode(code: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CryptoError && error.code === code) {
      return;
    }
    const got = error instanceof CryptoError ? `CryptoError ${error.code}` : String(error);
    throw new Error(`expected CryptoError ${code}, got ${got}`);
  }
  throw new Error(`expected CryptoError ${code}, but it opened`);
}

/** Runs every check of the vector file and reports each one. */
export async function checkVectors(v: TestVectorsV1): Promise<VectorCheck[]> {
  const results: VectorCheck[] = [];
  const check = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({
        name,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const { account, recovery } = v;
  const options = { minIterations: account.kdfIterations };
  const salt = fromBase64Url(account.kdfSalt);
  const bytes = fromBase64Url;
  // Inputs through the public API, computed once on first use. If one fails, every check that
  // needs it fails with that error, and the others still run.
  const accountKeys = once(() =>
    deriveAccountKeys(account.password, salt, account.kdfIterations, options),
  );
  const recoveryKeys = once(() => deriveRecoveryKeys(bytes(recovery.code)));
  const clientFromWrapped = once(async () =>
    unwrapPrivateKey(v.client.wrappedPrivateKey, (await accountKeys()).wrapKey),
  );
  const clientConversationKey = once(async () =>
    openConversationKey(v.conversation.sealedForClient.envelope, await clientFromWrapped()),
  );
  // Inputs straight from the vector file, for checks that test one step only.
  const privateKeys = {
    client: once(() => importPrivateKeyPkcs8(bytes(v.client.privateKeyPkcs8))),
    counsellor: once(() => importPrivateKeyPkcs8(bytes(v.counsellor.privateKeyPkcs8))),
    team: once(() => importPrivateKeyPkcs8(bytes(v.team.privateKeyPkcs8))),
  };
  const conversationKey = once(() => importAesKey(bytes(v.conversation.key), false));
  const publicKeys = {
    client: v.client.publicKey,
    counsellor: v.counsellor.publicKey,
    team: v.team.publicKey,
  };

  await check('account: password gives authKey', async () => {
    same('authKey', toBase64Url((await accountKeys()).authKey), account.authKey);
  });
  await check('account: the NFKC form of the password gives the same authKey', async () => {
    if (account.passwordNfkc === account.password) {
      throw new Error('the vector password is already NFKC');
    }
    const nfkc = await deriveAccountKeys(
      account.passwordNfkc,
      salt,
      account.kdfIterations,
      options,
    );
    same('authKey', toBase64Url(nfkc.authKey), account.authKey);
  });
  await check('account: wrapKey opens wrappedPrivateKey to the client key', async () => {
    const pkcs8 = await unwrapPrivateKeyBytes(
      v.client.wrappedPrivateKey,
      (await accountKeys()).wrapKey,
    );
    same('PKCS#8', toBase64Url(pkcs8), v.client.privateKeyPkcs8);
    same('extractable', (await clientFromWrapped()).extractable, false);
  });
  await check('account: wrapping with the recorded iv reproduces wrappedPrivateKey', async () => {
    const env = await wrapPrivateKeyBytes(
      fromBase64Url(v.client.privateKeyPkcs8),
      (await accountKeys()).wrapKey,
      fromBase64Url(v.client.wrappedPrivateKey.iv),
    );
    same('envelope', env, v.client.wrappedPrivateKey);
  });

  await check('recovery: code bytes format as the recorded text', async () => {
    same('text', formatRecoveryCode(fromBase64Url(recovery.code)), recovery.text);
  });
  await check('recovery: text and typed variant parse to the code', async () => {
    same('text', toBase64Url(parseRecoveryCode(recovery.text)), recovery.code);
    same('typed', toBase64Url(parseRecoveryCode(recovery.typed)), recovery.code);
  });
  await check('recovery: code gives recoveryVerifier', async () => {
    same(
      'verifier',
      toBase64Url((await recoveryKeys()).recoveryVerifier),
      recovery.recoveryVerifier,
    );
  });
  await check(
    'recovery: recovery key opens recoveryWrappedPrivateKey to the client key',
    async () => {
      const pkcs8 = await unwrapPrivateKeyBytes(
        v.client.recoveryWrappedPrivateKey,
        (await recoveryKeys()).recoveryKey,
      );
      same('PKCS#8', toBase64Url(pkcs8), v.client.privateKeyPkcs8);
    },
  );
  await check(
    'recovery: wrapping with the recorded iv reproduces recoveryWrappedPrivateKey',
    async () => {
      const env = await wrapPrivateKeyBytes(
        fromBase64Url(v.client.privateKeyPkcs8),
        (await recoveryKeys()).recoveryKey,
        fromBase64Url(v.client.recoveryWrappedPrivateKey.iv),
      );
      same('envelope', env, v.client.recoveryWrappedPrivateKey);
    },
  );

  const reproduce = async (purpose: SealPurpose, payload: string, seal: VectorSeal) => {
    const ephemeral: CryptoKeyPair = {
      privateKey: await importPrivateKeyPkcs8(fromBase64Url(seal.ephemeralPrivateKeyPkcs8)),
      publicKey: await importPublicKey(fromBase64Url(seal.envelope.epk)),
    };
    const env = await sealBytesWith(
      purpose,
      fromBase64Url(payload),
      fromBase64Url(publicKeys[seal.recipient]),
      ephemeral,
      fromBase64Url(seal.envelope.iv),
    );
    same('envelope', env, seal.envelope);
  };

  await check('team: the counsellor opens the grant to the team key', async () => {
    const pkcs8 = await openSealedBytes(
      'team-key',
      v.team.grant.envelope,
      await privateKeys.counsellor(),
    );
    same('PKCS#8', toBase64Url(pkcs8), v.team.privateKeyPkcs8);
  });
  await check('team: sealing with the recorded ephemeral key reproduces the grant', () =>
    reproduce('team-key', v.team.privateKeyPkcs8, v.team.grant),
  );
  await check(
    'conversation: the client (key from wrappedPrivateKey) opens her sealed key',
    async () => {
      const raw = await openSealedBytes(
        'conversation-key',
        v.conversation.sealedForClient.envelope,
        await clientFromWrapped(),
      );
      same('key', toBase64Url(raw), v.conversation.key);
    },
  );
  await check('conversation: the team (key from the grant) opens its sealed key', async () => {
    const team = await openTeamKey(v.team.grant.envelope, await privateKeys.counsellor());
    const raw = await openSealedBytes(
      'conversation-key',
      v.conversation.sealedForTeam.envelope,
      team,
    );
    same('key', toBase64Url(raw), v.conversation.key);
  });
  await check(
    'conversation: sealing with the recorded ephemeral keys reproduces both envelopes',
    async () => {
      await reproduce('conversation-key', v.conversation.key, v.conversation.sealedForClient);
      await reproduce('conversation-key', v.conversation.key, v.conversation.sealedForTeam);
    },
  );

  for (const m of v.messages) {
    await check(`message "${m.name}": decrypts to the recorded content`, async () => {
      same('plaintext JSON', JSON.stringify(m.content), m.plaintextJson);
      const content = await decryptMessage(await clientConversationKey(), m.context, m.envelope);
      same('content', JSON.stringify(content), m.plaintextJson);
    });
    await check(
      `message "${m.name}": encrypting with the recorded iv reproduces the envelope`,
      async () => {
        const env = await encryptMessageWithIv(
          await conversationKey(),
          m.context,
          m.content,
          fromBase64Url(m.envelope.iv),
        );
        same('envelope', env, m.envelope);
      },
    );
  }

  for (const bad of v.invalid) {
    await check(`invalid "${bad.name}": refused with ${bad.error}`, () =>
      expectCode(bad.error, async () => {
        switch (bad.open) {
          case 'message':
            return decryptMessage(
              await conversationKey(),
              bad.context ?? v.messages[0].context,
              bad.envelope,
            );
          case 'wrapped-private-key':
            return unwrapPrivateKey(bad.envelope, (await accountKeys()).wrapKey);
          case 'conversation-key:client':
          case 'conversation-key:team':
          case 'conversation-key:counsellor':
            return openConversationKey(
              bad.envelope,
              await privateKeys[
                bad.open.slice('conversation-key:'.length) as keyof typeof privateKeys
              ](),
            );
          case 'team-key:counsellor':
          case 'team-key:team':
            return openTeamKey(
              bad.envelope,
              await privateKeys[bad.open.slice('team-key:'.length) as keyof typeof privateKeys](),
            );
        }
      }),
    );
  }
  return results;
}
