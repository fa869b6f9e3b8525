import {
  AES_256_KEY_BYTES,
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  openAes256Gcm,
  sealAes256Gcm,
  type GcmSealed,
} from './aes-256-gcm';

/** Bumped if the layout or algorithm ever changes, so old values stay readable. */
const FORMAT_VERSION = 'v1';

/** `.` separates the parts of a sealed value, so key ids are limited to URL-safe word characters. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/** A sealed value cannot be read: malformed, sealed under an unknown key, altered, or given the wrong aad. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

export interface SecretBoxOptions {
  /** Id of the key new values are encrypted with. */
  currentKeyId: string;
  /** Every key still needed for decryption, by id; each exactly 32 bytes (see `parseKey`). */
  keys: Record<string, Buffer>;
}

interface ParsedSealed extends GcmSealed {
  keyId: string;
}

// Strict, unlike Buffer.from(…, 'base64url'), which skips invalid characters: altered text must fail.
function decodeBase64url(part: string, expectedBytes?: number): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  const canonical = BASE64URL_PATTERN.test(part) && bytes.toString('base64url') === part;
  if (!canonical || (expectedBytes !== undefined && bytes.length !== expectedBytes)) {
    throw new SecretBoxError('Malformed sealed value');
  }
  return bytes;
}

function parseSealed(sealed: string): ParsedSealed {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== FORMAT_VERSION || !KEY_ID_PATTERN.test(parts[1])) {
    throw new SecretBoxError('Malformed sealed value');
  }
  const [, keyId, iv, tag, ciphertext] = parts;
  return {
    keyId,
    iv: decodeBase64url(iv, GCM_IV_BYTES),
    tag: decodeBase64url(tag, GCM_TAG_BYTES),
    ciphertext: decodeBase64url(ciphertext),
  };
}

const toAad = (aad: string | undefined): Buffer | undefined =>
  aad === undefined ? undefined : Buffer.from(aad, 'utf8');

/**
 * Encrypts secrets stored at rest (TOTP seeds, third-party credentials) with AES-256-GCM, which also
 * authenticates them: any alteration makes decryption fail instead of yielding garbage.
 *
 * Sealed values are self-describing: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts, 12-byte random
 * IV, 16-byte tag). The key id lets keys rotate: add a new key, make it current, re-encrypt the values for
 * which `needsRotation` is true, then drop the old key.
 *
 * The optional `aad` (additional authenticated data) is not stored; it binds a value to its context, e.g.
 * `users:<id>:totp`, so a value copied into another row does not decrypt there. Pass the same aad to
 * `decrypt`. An empty aad is the same as none.
 */
export class SecretBox {
  readonly currentKeyId: string;
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #currentKey: Buffer;

  /**
   * Throws a `RangeError` for a key id that is not URL-safe, a key that is not 32 bytes, or an unknown
   * current key id: a misconfigured box must stop the application at startup.
   */
  constructor({ currentKeyId, keys }: SecretBoxOptions) {
    const entries = Object.entries(keys).map(([keyId, key]): [string, Buffer] => {
      if (!KEY_ID_PATTERN.test(keyId)) {
        throw new RangeError(`SecretBox key id "${keyId}" may only contain letters, digits, '_' and '-'`);
      }
      if (!Buffer.isBuffer(key) || key.length !== AES_256_KEY_BYTES) {
        throw new RangeError(
          `SecretBox key "${keyId}" must be a Buffer of exactly ${AES_256_KEY_BYTES} bytes`,
        );
      }
      // A private copy: later changes to the caller's Buffer cannot alter or leak through this box.
      return [keyId, Buffer.from(key)];
    });
    this.#keys = new Map(entries);
    const currentKey = this.#keys.get(currentKeyId);
    if (!currentKey) throw new RangeError(`SecretBox current key id "${currentKeyId}" is not among its keys`);
    this.currentKeyId = currentKeyId;
    this.#currentKey = currentKey;
  }

  encrypt(plaintext: string, aad?: string): string {
    const plaintextBytes = Buffer.from(plaintext, 'utf8');
    const { iv, tag, ciphertext } = sealAes256Gcm(this.#currentKey, plaintextBytes, toAad(aad));
    const encoded = [iv, tag, ciphertext].map((bytes) => bytes.toString('base64url'));
    return [FORMAT_VERSION, this.currentKeyId, ...encoded].join('.');
  }

  /** Throws `SecretBoxError` when the value is malformed, its key is unknown, or it fails authentication. */
  decrypt(sealed: string, aad?: string): string {
    const parsed = parseSealed(sealed);
    const key = this.#keys.get(parsed.keyId);
    if (!key) throw new SecretBoxError(`Sealed value uses unknown key id "${parsed.keyId}"`);
    try {
      return openAes256Gcm(key, parsed, toAad(aad)).toString('utf8');
    } catch (cause) {
      throw new SecretBoxError('Sealed value is altered, or the aad differs', { cause });
    }
  }

  /** The id of the key a value was sealed with. Throws `SecretBoxError` when the value is malformed. */
  keyIdOf(sealed: string): string {
    return parseSealed(sealed).keyId;
  }

  /** True when a value was sealed with a key other than the current one and should be re-encrypted. */
  needsRotation(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.currentKeyId;
  }
}
