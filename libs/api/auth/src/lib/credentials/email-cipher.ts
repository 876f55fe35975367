import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { maskEmail } from '@confidant/shared/api-interfaces';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';

const INFO = 'confidant/v1/server-email';

/**
 * Encrypts the optional e-mail address with AES-256-GCM under a key derived from the server secret
 * (DESIGN.md section 5), bound to the account id, so that a database leak alone does not reveal it
 * and a ciphertext cannot be moved to another account.
 */
@Injectable()
export class EmailCipher {
  private readonly key: Buffer;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.key = Buffer.from(hkdfSync('sha256', settings.serverSecret, new Uint8Array(0), INFO, 32));
  }

  encrypt(accountId: string, email: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${INFO}|${accountId}`, 'utf8'));
    const ct = Buffer.concat([cipher.update(email, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return JSON.stringify({ v: 1, iv: iv.toString('base64url'), ct: ct.toString('base64url') });
  }

  /** The address masked for its owner (`m***@example.org`); null without one or if unreadable. */
  masked(accountId: string, stored: string | null): string | null {
    if (stored === null) {
      return null;
    }
    try {
      return maskEmail(this.decrypt(accountId, stored));
    } catch {
      // Stored under another server secret: the address is there, but nobody can read it any more.
      return '***';
    }
  }

  decrypt(accountId: string, stored: string): string {
    const { iv, ct } = JSON.parse(stored) as { iv: string; ct: string };
    const bytes = Buffer.from(ct, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${INFO}|${accountId}`, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }
}
