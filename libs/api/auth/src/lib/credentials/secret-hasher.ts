import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane (about 10–35 ms here). */
const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes the secrets a client proves (authKey, recovery verifier) with argon2id, so that a stolen
 * database does not let anyone log in. `verifyOrDummy` spends the same time when there is no hash
 * to compare with, so that answers do not tell whether a username exists.
 */
@Injectable()
export class SecretHasher implements OnModuleInit {
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(32).toString('base64url'));
  }

  /**
   * The secret is hashed in its base64url text form (the same 256 bits): a string crosses into
   * the native argon2 binding the same way in every JavaScript realm, a Buffer does not.
   */
  hash(secret: string): Promise<string> {
    return hash(secret, ARGON2_OPTIONS);
  }

  /** True only if `hashed` exists and matches; costs one argon2 verification either way. */
  async verifyOrDummy(hashed: string | null | undefined, secret: string): Promise<boolean> {
    const target = hashed ?? this.dummyHash;
    let matches = false;
    try {
      matches = await verify(target, secret);
    } catch {
      matches = false;
    }
    return matches && hashed !== null && hashed !== undefined;
  }
}
