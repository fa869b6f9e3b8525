import { parseKey, SecretBox } from '@libs/security';
import type { SecretsConfig } from './secrets.config';

/**
 * The SecretBox of the configured keys: ENCRYPTION_KEY (under ENCRYPTION_KEY_ID) seals, the retired
 * ENCRYPTION_PREVIOUS_KEYS still open older values until they are re-encrypted. Modules provide it:
 * `{ provide: SecretBox, inject: [ConfigService], useFactory: (c) => secretBoxOf(c.getOrThrow('secrets')) }`.
 */
export function secretBoxOf(secrets: SecretsConfig): SecretBox {
  const keys = Object.fromEntries(
    Object.entries(secrets.previousEncryptionKeys).map(([keyId, key]) => [keyId, parseKey(key)]),
  );
  keys[secrets.encryptionKeyId] = parseKey(secrets.encryptionKey);
  return new SecretBox({ currentKeyId: secrets.encryptionKeyId, keys });
}
