import { AES_256_KEY_BYTES } from './aes-256-gcm';

const HEX_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/** Standard or URL-safe base64 alphabet, optionally padded. */
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads a 32-byte encryption key from configuration, written as 64 hex characters or as base64 /
 * base64url (e.g. `openssl rand -base64 32`). Surrounding whitespace is ignored, as env files often leave
 * a trailing newline. Anything that does not decode to exactly 32 bytes throws: a short or mistyped key
 * must stop the application, not weaken encryption.
 */
export function parseKey(base64OrHex: string): Buffer {
  const text = base64OrHex.trim();
  // Checked first: 64 hex characters are also valid base64, but would decode to 48 bytes.
  if (HEX_KEY_PATTERN.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_PATTERN.test(text)) {
    // Node's base64 decoder accepts both alphabets.
    const key = Buffer.from(text, 'base64');
    if (key.length === AES_256_KEY_BYTES) return key;
  }
  // The message never echoes the input: it is (or is close to) a secret and would end up in logs.
  throw new RangeError(
    `Encryption key must be ${AES_256_KEY_BYTES} bytes, written as base64, base64url or 64 hex characters`,
  );
}
