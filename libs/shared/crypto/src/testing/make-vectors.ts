/**
 * How the committed test vectors (`test-vectors/v1.json`) were made. Run
 * `node libs/shared/crypto/scripts/make-vectors.mjs` only when the protocol changes on purpose
 * (which means a new protocol version); tests check the committed file and never regenerate it.
 *
 * Everything is deterministic: fixed password, salt and iteration count (1000, so tests stay
 * fast), fixed key pairs (JWK below), and ivs, codes and keys derived from labels with SHA-256.
 * Fixed ivs and ephemeral keys go through internal seams that the package entry point does not
 * export; the public API always uses fresh randomness.
 */
import { deriveAccountKeys, deriveRecoveryKeys } from '../lib/account-keys';
import { encodeUtf8, fromBase64Url, toBase64Url } from '../lib/encoding';
import type { AesEnvelope, SealedEnvelope } from '../lib/envelope';
import { exportPublicKey, wrapPrivateKeyBytes } from '../lib/identity';
import {
  encryptMessageWithIv,
  messageAad,
  type MessageContent,
  type MessageContext,
} from '../lib/messages';
import { aesGcmEncrypt, importAesKey, subtle } from '../lib/primitives';
import { formatRecoveryCode } from '../lib/recovery-code';
import { sealBytesWith } from '../lib/seal';
import type { SealPurpose } from '../lib/protocol';
import type {
  TestVectorsV1,
  VectorInvalid,
  VectorKeyPair,
  VectorMessage,
  VectorSeal,
} from './test-vectors';

/** Fixed P-256 keys, generated once with WebCrypto. Test data only: never use them elsewhere. */
const FIXED_KEYS = {
  client: {
    d: 'hBT1n6mXsNacyqk498zMVPYnud1ShOu_F_5gqeNZDOY',
    x: 'KZ1WbnPKFmaVkGPlrglQ3Y0X7ci-W9hthjUoNcld_kw',
    y: 'tHeFyn4G5_GhjCyE6IyM0dLnpIx81xcZ4Ie0z710g1A',
  },
  counsellor: {
    d: 'SiVFQzBjlHKg97mcaWgJCipl1RskiejCZpV3bQXyx-w',
    x: 'O1VMzjELqw6uZ5KsdV2gk1R_cDAx--GkeEqbbjCNNrY',
    y: 'H7bMM31WYxT9hHviikbPneEUBDu5Y6fMJkNRWybo-fo',
  },
  team: {
    d: 'JgvbcQfmx8-H8ixEIF0mK6wMybTlRMg0n_Ba99T3W80',
    x: 'Jy2TSTIYwEGgXFdYCV-AQZxXi_8-RTm1fcHsPlDC1CA',
    y: 'fL9ahnNJ-VdLbf4OcZQJHp0nd5p-lpBS4hFkQiNasF8',
  },
  ephTeamGrant: {
    d: 'DMmOlbB5bQIMLxKAL437sQEWcW7dbOH3Bjz-Q2kjX5A',
    x: 'qPNFP1eYzHE31q2zEh7z5QiRI1lGO-vLnoXAQgaUMSU',
    y: 'PqsRuqVNbFYAqrzMQ2MmVeTAWy2zN6O3afp3cUVNWUY',
  },
  ephClientKey: {
    d: 'J109LsIsRozQc7x9UtvsihgWlpQbAmSX3KTU6SvHBZY',
    x: 'vJL_OB0yELVndFPD9-M4xQNLaMLPUokGGk6mqOIBKws',
    y: '-C9ZCo8u7Z66AgEMYvQveyc0YOmq9CwvkhUHGAsAcng',
  },
  ephTeamKey: {
    d: 'IPpb1Rx_vfW2E17iT2oEYhxmxl_GjweSiER3-rGHFiE',
    x: '2Oc7-vm4zqGFCrFgJw5Ggns6a_wvcr303O5gNW1xDko',
    y: 'zcJQXPJ_hRQY1pSmr0pbAEHT5bAylWpG-T03Sxxy7I0',
  },
} as const;

type FixedKeyName = keyof typeof FIXED_KEYS;

/** Password with characters NFKC changes: fullwidth letters, a ligature, a decomposed é. */
const PASSWORD = 'Ｍein ﬁnsteres Geheimnis: Cafe\u0301 ✓ 42';
const ITERATIONS = 1000;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const IDS = {
  conversation: '6f1c0d7e-3b8a-4c39-9d2e-0a4b5c6d7e8f',
  client: '1d2e3f40-5162-4738-899a-abbccddeeff0',
  counsellor: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f2a3b4c5d',
} as const;

/** n bytes (n ≤ 32) derived from a label, so every "random" input is reproducible. */
async function fixedBytes(label: string, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const digest = await subtle().digest('SHA-256', encodeUtf8('confidant/v1/test-vector|' + label));
  return new Uint8Array(digest).slice(0, length);
}

async function keyPair(name: FixedKeyName): Promise<CryptoKeyPair> {
  const jwk = { kty: 'EC', crv: 'P-256', ...FIXED_KEYS[name] };
  const alg = { name: 'ECDH', namedCurve: 'P-256' };
  const { x, y, kty, crv } = jwk;
  return {
    privateKey: await subtle().importKey('jwk', jwk, alg, true, ['deriveBits']),
    publicKey: await subtle().importKey('jwk', { kty, crv, x, y }, alg, true, []),
  };
}

async function vectorKeyPair(name: FixedKeyName): Promise<VectorKeyPair> {
  const pair = await keyPair(name);
  return {
    publicKey: toBase64Url(await exportPublicKey(pair.publicKey)),
    privateKeyPkcs8: toBase64Url(
      new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey)),
    ),
  };
}

async function seal(
  purpose: SealPurpose,
  payload: Uint8Array,
  recipient: VectorSeal['recipient'],
  recipientPublicKey: string,
  ephemeral: FixedKeyName,
  ivLabel: string,
): Promise<VectorSeal> {
  const pair = await keyPair(ephemeral);
  const envelope = await sealBytesWith(
    purpose,
    payload,
    fromBase64Url(recipientPublicKey),
    pair,
    await fixedBytes(ivLabel, 12),
  );
  return {
    recipient,
    ephemeralPrivateKeyPkcs8: (await vectorKeyPair(ephemeral)).privateKeyPkcs8,
    envelope,
  };
}

function withField(envelope: object, field: string, value: unknown): unknown {
  return { ...envelope, [field]: value };
}

function withoutField(envelope: object, field: string): unknown {
  const copy: Record<string, unknown> = { ...envelope };
  delete copy[field];
  return copy;
}

/** Flips the lowest bit of byte `index` (negative: from the end) of a base64url field. */
function flipByte(value: string, index: number): string {
  const bytes = fromBase64Url(value);
  bytes[index < 0 ? bytes.length + index : index] ^= 1;
  return toBase64Url(bytes);
}

function resize(value: string, length: number): string {
  const bytes = fromBase64Url(value);
  const out = new Uint8Array(length);
  out.set(bytes.subarray(0, Math.min(length, bytes.length)));
  return toBase64Url(out);
}

/** Builds the complete vector set. Deterministic on a given WebCrypto implementation. */
export async function makeVectors(): Promise<TestVectorsV1> {
  const kdfSalt = await fixedBytes('kdfSalt', 16);
  const account = await deriveAccountKeys(PASSWORD, kdfSalt, ITERATIONS, {
    minIterations: ITERATIONS,
  });
  const code = await fixedBytes('recoveryCode', 20);
  const recovery = await deriveRecoveryKeys(code);
  const text = formatRecoveryCode(code);
  // As typed by hand: lower case, spaces instead of some hyphens, look-alikes for 0 and 1.
  const typed = text
    .toLowerCase()
    .replace(/-(?=\w{4}-\w{4}$)/, ' ')
    .replace(/-/g, (_, i: number) => (i < 10 ? ' - ' : '  '))
    .replace(/1/, 'I')
    .replace(/1/g, 'l')
    .replace(/0/g, 'O');

  const client = await vectorKeyPair('client');
  const counsellor = await vectorKeyPair('counsellor');
  const team = await vectorKeyPair('team');
  const clientPkcs8 = fromBase64Url(client.privateKeyPkcs8);

  const wrappedPrivateKey = await wrapPrivateKeyBytes(
    clientPkcs8,
    account.wrapKey,
    await fixedBytes('wrappedPrivateKey.iv', 12),
  );
  const recoveryWrappedPrivateKey = await wrapPrivateKeyBytes(
    clientPkcs8,
    recovery.recoveryKey,
    await fixedBytes('recoveryWrappedPrivateKey.iv', 12),
  );

  const grant = await seal(
    'team-key',
    fromBase64Url(team.privateKeyPkcs8),
    'counsellor',
    counsellor.publicKey,
    'ephTeamGrant',
    'grant.iv',
  );
  const conversationKeyRaw = await fixedBytes('conversationKey', 32);
  const sealedForClient = await seal(
    'conversation-key',
    conversationKeyRaw,
    'client',
    client.publicKey,
    'ephClientKey',
    'sealedForClient.iv',
  );
  const sealedForTeam = await seal(
    'conversation-key',
    conversationKeyRaw,
    'team',
    team.publicKey,
    'ephTeamKey',
    'sealedForTeam.iv',
  );

  const conversationKey = await importAesKey(conversationKeyRaw, false);
  const drafts: Array<{
    name: string;
    messageId: string;
    sender: 'client' | 'counsellor';
    content: MessageContent;
  }> = [
    {
      name: 'enquiry',
      messageId: '0b6a4f1e-8d2c-4e7a-9b3f-5c1d2e3f4a5b',
      sender: 'client',
      content: { text: 'Hallo, ich brauche bitte Hilfe.' },
    },
    {
      name: 'reply with umlauts and emoji',
      messageId: '2c7b5a3f-9e1d-4f8b-8c4a-6d2e3f4a5b6c',
      sender: 'counsellor',
      content: { text: 'Guten Tag! Ich bin für Sie da. Schön, dass Sie schreiben 😊' },
    },
    {
      name: 'empty text',
      messageId: '3d8c6b4a-0f2e-4a9c-9d5b-7e3f4a5b6c7d',
      sender: 'client',
      content: { text: '' },
    },
    {
      name: 'scripts, combining marks, ZWJ and quotes',
      messageId: '4e9d7c5b-1a3f-4bad-8e6c-8f4a5b6c7d8e',
      sender: 'client',
      content: {
        text: 'مرحبا · 你好 · Cafe\u0301 · 👩‍👩‍👧 · "quoted" \\ back\nslash\ttab',
      },
    },
    {
      name: 'later optional field',
      messageId: '5fae8d6c-2b4a-4cbe-9f7d-9a5b6c7d8e9f',
      sender: 'counsellor',
      content: { text: 'Termin bestätigt.', replyTo: '0b6a4f1e-8d2c-4e7a-9b3f-5c1d2e3f4a5b' },
    },
  ];
  const messages: VectorMessage[] = [];
  for (const draft of drafts) {
    const context: MessageContext = {
      conversationId: IDS.conversation,
      messageId: draft.messageId,
      senderId: IDS[draft.sender],
    };
    messages.push({
      name: draft.name,
      context,
      content: draft.content,
      plaintextJson: JSON.stringify(draft.content),
      envelope: await encryptMessageWithIv(
        conversationKey,
        context,
        draft.content,
        await fixedBytes('message.iv|' + draft.messageId, 12),
      ),
    });
  }

  const first = messages[0];
  const env: AesEnvelope = first.envelope;
  const plaintextCase = async (name: string, plaintext: Uint8Array): Promise<VectorInvalid> => {
    const iv = await fixedBytes('invalid.iv|' + name, 12);
    const ct = await aesGcmEncrypt(conversationKey, iv, plaintext, messageAad(first.context));
    return {
      name,
      open: 'message',
      envelope: { v: 1, iv: toBase64Url(iv), ct: toBase64Url(ct) },
      error: 'format',
    };
  };
  const nonCanonical = messages.find((m) => fromBase64Url(m.envelope.ct).length % 3 !== 0);
  if (!nonCanonical) {
    throw new Error('No message with trailing base64 bits to alter.');
  }
  const lastChar = nonCanonical.envelope.ct.slice(-1);
  const sealedClient: SealedEnvelope = sealedForClient.envelope;
  const epk = fromBase64Url(sealedClient.epk);
  const compressed = epk.slice();
  compressed[0] = 0x02;

  const invalid: VectorInvalid[] = [
    {
      name: 'message: version 2',
      open: 'message',
      envelope: withField(env, 'v', 2),
      error: 'version',
    },
    {
      name: 'message: version missing',
      open: 'message',
      envelope: withoutField(env, 'v'),
      error: 'format',
    },
    {
      name: 'message: version as string',
      open: 'message',
      envelope: withField(env, 'v', '1'),
      error: 'format',
    },
    {
      name: 'message: unknown field',
      open: 'message',
      envelope: withField(env, 'alg', 'A256GCM'),
      error: 'format',
    },
    {
      name: 'message: ct missing',
      open: 'message',
      envelope: withoutField(env, 'ct'),
      error: 'format',
    },
    {
      name: 'message: iv not a string',
      open: 'message',
      envelope: withField(env, 'iv', 12),
      error: 'format',
    },
    { name: 'message: not an object', open: 'message', envelope: 'v1.iv.ct', error: 'format' },
    { name: 'message: null', open: 'message', envelope: null, error: 'format' },
    { name: 'message: array', open: 'message', envelope: [1, env.iv, env.ct], error: 'format' },
    {
      name: 'message: iv of 11 bytes',
      open: 'message',
      envelope: withField(env, 'iv', resize(env.iv, 11)),
      error: 'length',
    },
    {
      name: 'message: iv of 16 bytes',
      open: 'message',
      envelope: withField(env, 'iv', resize(env.iv, 16)),
      error: 'length',
    },
    {
      name: 'message: ct shorter than the tag',
      open: 'message',
      envelope: withField(env, 'ct', resize(env.ct, 15)),
      error: 'length',
    },
    {
      name: 'message: iv with padding',
      open: 'message',
      envelope: withField(env, 'iv', env.iv + '='),
      error: 'base64',
    },
    {
      name: 'message: ct in standard base64',
      open: 'message',
      envelope: withField(env, 'ct', '+/' + env.ct.slice(2)),
      error: 'base64',
    },
    {
      name: 'message: ct with whitespace',
      open: 'message',
      envelope: withField(env, 'ct', env.ct.slice(0, 8) + ' ' + env.ct.slice(8)),
      error: 'base64',
    },
    {
      name: 'message: ct with non-zero trailing bits',
      open: 'message',
      context: nonCanonical.context,
      envelope: withField(
        nonCanonical.envelope,
        'ct',
        nonCanonical.envelope.ct.slice(0, -1) + BASE64URL[BASE64URL.indexOf(lastChar) | 1],
      ),
      error: 'base64',
    },
    {
      name: 'message: tag altered',
      open: 'message',
      envelope: withField(env, 'ct', flipByte(env.ct, -1)),
      error: 'auth',
    },
    {
      name: 'message: first ct byte altered',
      open: 'message',
      envelope: withField(env, 'ct', flipByte(env.ct, 0)),
      error: 'auth',
    },
    {
      name: 'message: iv altered',
      open: 'message',
      envelope: withField(env, 'iv', flipByte(env.iv, 5)),
      error: 'auth',
    },
    {
      name: 'message: moved to another conversation',
      open: 'message',
      context: { ...first.context, conversationId: '7a2d1e8f-4c9b-4d40-8e3f-1b5c6d7e8f90' },
      envelope: env,
      error: 'auth',
    },
    {
      name: 'message: attributed to another sender',
      open: 'message',
      context: { ...first.context, senderId: IDS.counsellor },
      envelope: env,
      error: 'auth',
    },
    {
      name: 'message: under another message id',
      open: 'message',
      context: { ...first.context, messageId: messages[1].context.messageId },
      envelope: env,
      error: 'auth',
    },
    {
      name: 'message: identifier containing "|"',
      open: 'message',
      context: { ...first.context, conversationId: IDS.conversation + '|x' },
      envelope: env,
      error: 'format',
    },
    await plaintextCase('message: plaintext is not JSON', encodeUtf8('Hallo')),
    await plaintextCase('message: plaintext is a JSON array', encodeUtf8('["Hallo"]')),
    await plaintextCase('message: text is not a string', encodeUtf8('{"text":42}')),
    await plaintextCase(
      'message: plaintext is not UTF-8',
      new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    ),
    {
      name: 'sealed: version 2',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'v', 2),
      error: 'version',
    },
    {
      name: 'sealed: unknown field',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'kid', 'x'),
      error: 'format',
    },
    {
      name: 'sealed: epk missing',
      open: 'conversation-key:client',
      envelope: withoutField(sealedClient, 'epk'),
      error: 'format',
    },
    {
      name: 'sealed: epk of 64 bytes',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'epk', toBase64Url(epk.slice(1))),
      error: 'length',
    },
    {
      name: 'sealed: epk compressed prefix',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'epk', toBase64Url(compressed)),
      error: 'format',
    },
    {
      name: 'sealed: epk not on the curve',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'epk', flipByte(sealedClient.epk, -1)),
      error: 'format',
    },
    {
      name: 'sealed: ct altered',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'ct', flipByte(sealedClient.ct, 3)),
      error: 'auth',
    },
    {
      name: 'sealed: iv altered',
      open: 'conversation-key:client',
      envelope: withField(sealedClient, 'iv', flipByte(sealedClient.iv, 0)),
      error: 'auth',
    },
    {
      name: 'sealed: opened by someone it was not sealed to',
      open: 'conversation-key:client',
      envelope: sealedForTeam.envelope,
      error: 'auth',
    },
    {
      name: 'sealed: team grant presented as a conversation key',
      open: 'conversation-key:counsellor',
      envelope: grant.envelope,
      error: 'auth',
    },
    {
      name: 'sealed: conversation key presented as a team grant',
      open: 'team-key:team',
      envelope: sealedForTeam.envelope,
      error: 'auth',
    },
    {
      name: 'sealed: team grant opened by the wrong member',
      open: 'team-key:team',
      envelope: grant.envelope,
      error: 'auth',
    },
    {
      name: 'wrapped key: recovery copy opened with wrapKey',
      open: 'wrapped-private-key',
      envelope: recoveryWrappedPrivateKey,
      error: 'auth',
    },
    {
      name: 'wrapped key: ct altered',
      open: 'wrapped-private-key',
      envelope: withField(wrappedPrivateKey, 'ct', flipByte(wrappedPrivateKey.ct, 20)),
      error: 'auth',
    },
    {
      name: 'wrapped key: version 0',
      open: 'wrapped-private-key',
      envelope: withField(wrappedPrivateKey, 'v', 0),
      error: 'version',
    },
  ];

  return {
    protocol: 'confidant/v1',
    description:
      'Test vectors for Confidant end-to-end encryption, protocol v1 (DESIGN.md section 4). ' +
      'Binary values are unpadded base64url; envelopes are exactly as on the wire. ' +
      'kdfIterations is 1000 to keep tests fast (production uses 600000). ' +
      'Made by libs/shared/crypto/src/testing/make-vectors.ts; checked by check-vectors.ts.',
    account: {
      password: PASSWORD,
      passwordNfkc: PASSWORD.normalize('NFKC'),
      kdfSalt: toBase64Url(kdfSalt),
      kdfIterations: ITERATIONS,
      authKey: toBase64Url(account.authKey),
    },
    recovery: {
      code: toBase64Url(code),
      text,
      typed,
      recoveryVerifier: toBase64Url(recovery.recoveryVerifier),
    },
    client: { ...client, wrappedPrivateKey, recoveryWrappedPrivateKey },
    counsellor,
    team: { ...team, grant },
    conversation: {
      id: IDS.conversation,
      key: toBase64Url(conversationKeyRaw),
      sealedForClient,
      sealedForTeam,
    },
    messages,
    invalid,
  };
}
