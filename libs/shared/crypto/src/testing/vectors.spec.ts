import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkVectors, type VectorCheck } from './check-vectors';
import type { TestVectorsV1 } from './test-vectors';

const VECTOR_FILE = join(__dirname, '..', '..', 'test-vectors', 'v1.json');

function committedVectors(): TestVectorsV1 {
  return JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as TestVectorsV1;
}

function failures(results: VectorCheck[]): VectorCheck[] {
  return results.filter((r) => !r.ok);
}

describe('committed protocol v1 test vectors', () => {
  let results: VectorCheck[];

  beforeAll(async () => {
    results = await checkVectors(committedVectors());
  });

  it('records the low iteration count used to make them', () => {
    const v = committedVectors();
    expect(v.protocol).toBe('confidant/v1');
    expect(v.account.kdfIterations).toBe(1000);
  });

  it('covers derivation, unwrapping, sealing, messages and refusals', () => {
    const names = results.map((r) => r.name).join('\n');
    expect(names).toMatch(/^account: password gives authKey$/m);
    expect(names).toMatch(/^recovery: code gives recoveryVerifier$/m);
    expect(names).toMatch(/^team: the counsellor opens the grant/m);
    expect(names).toMatch(/^conversation: the client .* opens her sealed key$/m);
    expect(results.filter((r) => r.name.startsWith('message ')).length).toBe(
      2 * committedVectors().messages.length,
    );
    expect(results.filter((r) => r.name.startsWith('invalid ')).length).toBe(
      committedVectors().invalid.length,
    );
    expect(committedVectors().invalid.length).toBeGreaterThanOrEqual(40);
  });

  it('are all met by this implementation, in both directions', () => {
    expect(failures(results)).toEqual([]);
  });
});

describe('the vector check itself', () => {
  // A check that cannot fail proves nothing: alter the vectors and expect it to notice.
  it('notices a changed authKey', async () => {
    const v = committedVectors();
    v.account.authKey = v.account.authKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const failed = failures(await checkVectors(v)).map((r) => r.name);
    expect(failed).toEqual([
      'account: password gives authKey',
      'account: the NFKC form of the password gives the same authKey',
    ]);
  });

  it('notices a message envelope that no longer matches', async () => {
    const v = committedVectors();
    const m = v.messages[1];
    m.content = { ...m.content, text: m.content.text + '!' };
    m.plaintextJson = JSON.stringify(m.content);
    const failed = failures(await checkVectors(v)).map((r) => r.name);
    expect(failed).toEqual([
      `message "${m.name}": decrypts to the recorded content`,
      `message "${m.name}": encrypting with the recorded iv reproduces the envelope`,
    ]);
  });

  it('notices an invalid case that is suddenly accepted', async () => {
    const v = committedVectors();
    const bad = v.invalid.find((i) => i.name === 'message: tag altered');
    if (!bad) throw new Error('vector missing');
    bad.envelope = v.messages[0].envelope;
    const failed = failures(await checkVectors(v));
    expect(failed).toEqual([
      expect.objectContaining({
        name: 'invalid "message: tag altered": refused with auth',
        detail: 'expected CryptoError auth, but it opened',
      }),
    ]);
  });
});
