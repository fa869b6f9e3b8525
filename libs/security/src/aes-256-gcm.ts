import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Internal, byte-level AES-256-GCM. SecretBox wraps it with a string format and key ids; it is kept
// separate so the cipher itself can be checked against published byte vectors.

export const AES_256_KEY_BYTES = 32;

/** 96 bits: the IV size GCM is designed for (other sizes are hashed first and lose guarantees). */
export const GCM_IV_BYTES = 12;

/** The full 128-bit tag; shorter tags make forgeries easier. */
export const GCM_TAG_BYTES = 16;

export interface GcmSealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts under a fresh random IV. The IV is never a parameter: reusing one with the same key reveals the
 * XOR of the plaintexts and lets anyone forge tags. Random 96-bit IVs stay safe for about 2^32 messages
 * per key, far beyond what rotation lets one key see.
 */
export function sealAes256Gcm(key: Buffer, plaintext: Buffer, aad?: Buffer): GcmSealed {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** Decrypts and authenticates; throws (from `final()`) if the key, tag, IV, ciphertext or AAD is wrong. */
export function openAes256Gcm(key: Buffer, { iv, tag, ciphertext }: GcmSealed, aad?: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAuthTag(tag);
  if (aad) decipher.setAAD(aad);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
