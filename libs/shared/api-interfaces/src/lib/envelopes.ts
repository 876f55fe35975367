/** AES-256-GCM envelope on the wire (DESIGN.md section 4): base64url `iv` (12 bytes) and `ct` (with tag). */
export interface AesEnvelopeDto {
  v: 1;
  iv: string;
  ct: string;
}

/** ECDH-ES sealed envelope on the wire: adds the ephemeral public key `epk` (65 bytes). */
export interface SealedEnvelopeDto extends AesEnvelopeDto {
  epk: string;
}
