import { encodeUtf8 } from './encoding';
import { parseSealedEnvelope, type SealedEnvelope } from './envelope';
import { exportPublicKey, generateIdentityKeyPair, importPublicKey } from './identity';
import { decryptMessage, encryptMessage } from './messages';
import { aesGcmDecrypt, importAesKey } from './primitives';
import {
  createConversationKey,
  createTeamKey,
  grantTeamKey,
  openConversationKey,
  openSealedBytes,
  openTeamKey,
  resealConversationKey,
} from './seal';
import { byteLength, errorCode, flipBit, flipChar } from '../testing/spec-helpers';

const subtle = globalThis.crypto.subtle;
const CONTEXT = { conversationId: 'c-1', messageId: 'm-1', senderId: 'a-1' };

interface Person {
  publicKey: Uint8Array;
  privateKey: CryptoKey;
}

async function person(): Promise<Person> {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ]);
  return { publicKey: await exportPublicKey(pair.publicKey), privateKey: pair.privateKey };
}

/** Whether two non-extractable conversation keys are the same key. */
async function sameConversationKey(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const env = await encryptMessage(a, CONTEXT, { text: 'probe' });
  try {
    return (await decryptMessage(b, CONTEXT, env)).text === 'probe';
  } catch {
    return false;
  }
}

/** Whether an ECDH private key belongs to a raw public key. */
async function belongsTo(privateKey: CryptoKey, publicKey: Uint8Array): Promise<boolean> {
  const peer = await generateIdentityKeyPair();
  const a = await subtle.deriveBits({ name: 'ECDH', public: peer.publicKey }, privateKey, 256);
  const b = await subtle.deriveBits(
    { name: 'ECDH', public: await importPublicKey(publicKey) },
    peer.privateKey,
    256,
  );
  return Buffer.from(a).equals(Buffer.from(b));
}

/** The kek of DESIGN.md section 4, written out with raw WebCrypto calls. */
async function referenceKek(
  envelope: SealedEnvelope,
  recipient: CryptoKey,
  purpose: string,
): Promise<CryptoKey> {
  const { epk } = parseSealedEnvelope(envelope);
  const ephemeral = await subtle.importKey(
    'raw',
    epk,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  const shared = await subtle.deriveBits({ name: 'ECDH', public: ephemeral }, recipient, 256);
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: epk,
      info: encodeUtf8('confidant/v1/seal|' + purpose),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
}

describe('team key', () => {
  it('is made by the first lead, sealed to her, and opens to the team private key', async () => {
    const lead = await person();
    const team = await createTeamKey(lead.publicKey);
    expect(team.publicKey.length).toBe(65);
    expect(team.privateKey.extractable).toBe(false);
    const opened = await openTeamKey(team.grant, lead.privateKey);
    expect(opened.extractable).toBe(false);
    expect(await belongsTo(opened, team.publicKey)).toBe(true);
    expect(await belongsTo(team.privateKey, team.publicKey)).toBe(true);
  });

  it('can be granted by the lead to a counsellor, and only the counsellor can open that grant', async () => {
    const [lead, counsellor, stranger] = await Promise.all([person(), person(), person()]);
    const team = await createTeamKey(lead.publicKey);
    const grant = await grantTeamKey(team.grant, lead.privateKey, counsellor.publicKey);
    expect(await belongsTo(await openTeamKey(grant, counsellor.privateKey), team.publicKey)).toBe(
      true,
    );
    expect(await errorCode(() => openTeamKey(grant, lead.privateKey))).toBe('auth');
    expect(await errorCode(() => openTeamKey(grant, stranger.privateKey))).toBe('auth');
  });

  it('cannot be granted by someone who cannot open the grant', async () => {
    const [lead, intruder] = await Promise.all([person(), person()]);
    const team = await createTeamKey(lead.publicKey);
    expect(
      await errorCode(() => grantTeamKey(team.grant, intruder.privateKey, intruder.publicKey)),
    ).toBe('auth');
  });
});

describe('conversation key', () => {
  let client: Person;
  let counsellor: Person;
  let team: { publicKey: Uint8Array; grant: SealedEnvelope };
  let counsellorGrant: SealedEnvelope;

  beforeAll(async () => {
    const lead = await person();
    [client, counsellor] = await Promise.all([person(), person()]);
    const made = await createTeamKey(lead.publicKey);
    team = made;
    counsellorGrant = await grantTeamKey(made.grant, lead.privateKey, counsellor.publicKey);
  });

  it('is sealed to the client and to the team; both open the same non-extractable key', async () => {
    const created = await createConversationKey({ client: client.publicKey, team: team.publicKey });
    expect(Object.keys(created.sealed).sort()).toEqual(['client', 'team']);
    expect(created.key.extractable).toBe(false);
    const forClient = await openConversationKey(created.sealed.client, client.privateKey);
    const teamKey = await openTeamKey(counsellorGrant, counsellor.privateKey);
    const forTeam = await openConversationKey(created.sealed.team, teamKey);
    expect(forClient.extractable).toBe(false);
    expect(forTeam.extractable).toBe(false);
    expect(await sameConversationKey(created.key, forClient)).toBe(true);
    expect(await sameConversationKey(forClient, forTeam)).toBe(true);
  });

  it('follows the design: HKDF(ECDH, salt = epk, info "confidant/v1/seal|conversation-key")', async () => {
    const created = await createConversationKey({ client: client.publicKey });
    const env = created.sealed.client;
    const kek = await referenceKek(env, client.privateKey, 'conversation-key');
    const { iv, ct } = parseSealedEnvelope(env);
    const raw = await aesGcmDecrypt(kek, iv, ct, 'confidant/v1/seal|conversation-key');
    expect(raw.length).toBe(32);
    expect(await sameConversationKey(await importAesKey(raw, false), created.key)).toBe(true);
  });

  it('uses a fresh ephemeral key and iv for every envelope', async () => {
    const a = await createConversationKey({ one: client.publicKey, two: client.publicKey });
    const b = await createConversationKey({ one: client.publicKey });
    const epks = new Set([a.sealed.one.epk, a.sealed.two.epk, b.sealed.one.epk]);
    const ivs = new Set([a.sealed.one.iv, a.sealed.two.iv, b.sealed.one.iv]);
    expect(epks.size).toBe(3);
    expect(ivs.size).toBe(3);
    expect(await sameConversationKey(a.key, b.key)).toBe(false);
  });

  it('does not open with the wrong private key', async () => {
    const created = await createConversationKey({ client: client.publicKey });
    expect(
      await errorCode(() => openConversationKey(created.sealed.client, counsellor.privateKey)),
    ).toBe('auth');
  });

  it('reports a key of the wrong kind as key', async () => {
    const created = await createConversationKey({ client: client.publicKey });
    const aes = await importAesKey(new Uint8Array(32), false);
    expect(await errorCode(() => openConversationKey(created.sealed.client, aes))).toBe('key');
  });

  it('fails when any bit of any epk, iv or ct byte is altered', async () => {
    const { sealed } = await createConversationKey({ client: client.publicKey });
    const env = sealed.client;
    const results: Record<string, Set<string | undefined>> = {};
    for (const field of ['epk', 'iv', 'ct'] as const) {
      results[field] = new Set();
      for (let i = 0; i < byteLength(env[field]); i++) {
        const altered = { ...env, [field]: flipBit(env[field], i, i % 8) };
        results[field].add(await errorCode(() => openConversationKey(altered, client.privateKey)));
      }
    }
    expect([...results['iv']]).toEqual(['auth']);
    expect([...results['ct']]).toEqual(['auth']);
    // Byte 0 becomes a non-0x04 prefix; other bytes leave the curve or change the shared secret.
    expect([...results['epk']].every((code) => code === 'format' || code === 'auth')).toBe(true);
    expect(results['epk'].has('format')).toBe(true);
  });

  it('fails when any byte of the additional data differs', async () => {
    const { sealed } = await createConversationKey({ client: client.publicKey });
    const aad = 'confidant/v1/seal|conversation-key';
    const kek = await referenceKek(sealed.client, client.privateKey, 'conversation-key');
    const { iv, ct } = parseSealedEnvelope(sealed.client);
    expect((await aesGcmDecrypt(kek, iv, ct, aad)).length).toBe(32);
    const codes = new Set<string | undefined>();
    for (let i = 0; i < aad.length; i++) {
      codes.add(await errorCode(() => aesGcmDecrypt(kek, iv, ct, flipChar(aad, i))));
    }
    expect([...codes]).toEqual(['auth']);
  });

  it('cannot be confused with a team key grant, in either direction', async () => {
    const teamKey = await openTeamKey(counsellorGrant, counsellor.privateKey);
    const { sealed } = await createConversationKey({ team: team.publicKey });
    expect(await errorCode(() => openTeamKey(sealed.team, teamKey))).toBe('auth');
    expect(await errorCode(() => openConversationKey(counsellorGrant, counsellor.privateKey))).toBe(
      'auth',
    );
    expect(await errorCode(() => openSealedBytes('team-key', sealed.team, teamKey))).toBe('auth');
  });

  it('can be re-shared by the team with a client whose key changed', async () => {
    const created = await createConversationKey({ client: client.publicKey, team: team.publicKey });
    const newClient = await person();
    const teamKey = await openTeamKey(counsellorGrant, counsellor.privateKey);
    const reshared = await resealConversationKey(created.sealed.team, teamKey, newClient.publicKey);
    const opened = await openConversationKey(reshared, newClient.privateKey);
    expect(await sameConversationKey(opened, created.key)).toBe(true);
    expect(await errorCode(() => openConversationKey(reshared, client.privateKey))).toBe('auth');
  });

  it('refuses to make a key that nobody could open', async () => {
    expect(await errorCode(() => createConversationKey({}))).toBe('key');
  });

  it('refuses to seal to an invalid public key', async () => {
    const offCurve = client.publicKey.slice();
    offCurve[40] ^= 1;
    expect(await errorCode(() => createConversationKey({ x: offCurve }))).toBe('key');
    expect(await errorCode(() => createConversationKey({ x: client.publicKey.slice(1) }))).toBe(
      'length',
    );
  });
});
