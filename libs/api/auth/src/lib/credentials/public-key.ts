import { BadRequestException } from '@nestjs/common';

/**
 * Refuses a public key that is not a point on P-256: nothing could ever be sealed to it, and a
 * client that sent it would lose her messages.
 */
export async function assertP256PublicKey(publicKey: string, field = 'publicKey'): Promise<void> {
  try {
    await globalThis.crypto.subtle.importKey(
      'raw',
      Buffer.from(publicKey, 'base64url'),
      { name: 'ECDH', namedCurve: 'P-256' },
      true,
      [],
    );
  } catch {
    throw new BadRequestException(`${field} is not a P-256 public key`);
  }
}
