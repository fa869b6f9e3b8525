import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 bits: far beyond guessing, even online and at scale. */
const TOKEN_BYTES = 32;

const BASE62_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Length of the random, displayable part of a prefixed token (about 47 bits). */
const VISIBLE_ID_LENGTH = 8;

/** 43 base62 characters carry 256 bits, the same as `generateToken()`. */
const PREFIXED_SECRET_LENGTH = 43;

/** Lowercase letters and digits, starting with a letter, so that `_` unambiguously separates the parts. */
const PREFIX_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

/** A random opaque token (32 bytes, base64url, 43 characters) for e-mail links, sessions, refresh tokens. */
export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * SHA-256 hex of a token: what is stored and looked up, so a database leak exposes no usable token.
 * A plain fast hash is enough here (unlike passwords) because the token itself has 256 bits of entropy.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// randomInt draws without modulo bias, so every character is uniformly distributed.
function randomBase62(length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) result += BASE62_ALPHABET[randomInt(BASE62_ALPHABET.length)];
  return result;
}

export interface PrefixedToken {
  /** The full secret, e.g. `csk_Ab3dEf9h_<43 chars>`; shown to its owner once, then only its hash is kept. */
  token: string;
  /** `<prefix>_<8 chars>`: safe to store and display so owners can tell their keys apart. */
  visiblePrefix: string;
}

/**
 * An API key shaped `<prefix>_<8 base62>_<43 base62>`, e.g. `csk_Ab3dEf9h_…`.
 * - The prefix says what the key is, for people and for secret scanners (the shape is a fixed regex:
 *   `<prefix>_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}`).
 * - Base62 (no `-` or `_`) keeps the parts unambiguous and the whole key selectable with a double click.
 * - Store `hashToken(token)` to authenticate and `visiblePrefix` to display; the visible part is not
 *   secret and is not needed to authenticate, the 256-bit secret part is what protects the key.
 */
export function generatePrefixedToken(prefix: string): PrefixedToken {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new RangeError('Token prefix must be 1-16 lowercase letters or digits, starting with a letter');
  }
  const visiblePrefix = `${prefix}_${randomBase62(VISIBLE_ID_LENGTH)}`;
  return { token: `${visiblePrefix}_${randomBase62(PREFIXED_SECRET_LENGTH)}`, visiblePrefix };
}
