import type { SecretBox } from '@libs/security';

/** Credential fields by name; values are never returned, logged or audited. */
export type Credentials = Record<string, string>;

// The aad binds a ciphertext to its row and column: copied into another row or column, it does not open.
const aad = (configId: string, column: 'credentials' | 'inbound_secret'): string =>
  `platform.provider_configs:${configId}:${column}`;

export function sealCredentials(box: SecretBox, configId: string, credentials: Credentials): string {
  return box.encrypt(JSON.stringify(credentials), aad(configId, 'credentials'));
}

export function openCredentials(box: SecretBox, configId: string, sealed: string): Credentials {
  return JSON.parse(box.decrypt(sealed, aad(configId, 'credentials'))) as Credentials;
}

export function sealInboundSecret(box: SecretBox, configId: string, secret: string): string {
  return box.encrypt(secret, aad(configId, 'inbound_secret'));
}

export function openInboundSecret(box: SecretBox, configId: string, sealed: string): string {
  return box.decrypt(sealed, aad(configId, 'inbound_secret'));
}
