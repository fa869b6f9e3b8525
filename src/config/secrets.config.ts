import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { loadOrCreateDevSecrets } from './dev-secrets';
import { validateEnv } from './validate-env';

class SecretsEnv {
  /** HS256 key of access tokens: at least 32 characters of randomness. */
  @IsString()
  @MinLength(32)
  JWT_SECRET: string;

  /** AES-256-GCM key for credentials at rest: 32 bytes, base64. */
  @IsString()
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, { message: 'ENCRYPTION_KEY must be 32 bytes in base64' })
  ENCRYPTION_KEY: string;

  /** Id of ENCRYPTION_KEY, stored with every ciphertext so keys can be rotated. */
  @IsOptional()
  @IsString()
  ENCRYPTION_KEY_ID?: string;

  /**
   * Retired keys still needed to read older values, `<id>:<base64 key>` comma-separated, kept until
   * `provider-configs:reencrypt` has moved every value to ENCRYPTION_KEY. Rotation: give the old key
   * here under its old id, set the new ENCRYPTION_KEY and a new ENCRYPTION_KEY_ID, re-encrypt, drop it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/_-]{43}=?(,[A-Za-z0-9_-]+:[A-Za-z0-9+/_-]{43}=?)*$/, {
    message: 'ENCRYPTION_PREVIOUS_KEYS must be <id>:<32 bytes in base64>, comma-separated',
  })
  ENCRYPTION_PREVIOUS_KEYS?: string;
}

/** `k1:<key>,k0:<key>` -> `{ k1: '<key>', k0: '<key>' }`. */
function parsePreviousKeys(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(value.split(',').map((entry) => entry.split(':') as [string, string]));
}

/**
 * No default secrets exist. In production they must come from the environment (the app refuses to
 * start otherwise); elsewhere missing ones are generated once into the data directory.
 */
export const secretsConfig = registerAs('secrets', () => {
  const production = process.env.NODE_ENV === 'production';
  const generated = production ? {} : loadOrCreateDevSecrets(process.env.DATA_DIR ?? '.data');
  const env = validateEnv(SecretsEnv, { ...generated, ...process.env });
  return {
    jwtSecret: env.JWT_SECRET,
    encryptionKey: env.ENCRYPTION_KEY,
    encryptionKeyId: env.ENCRYPTION_KEY_ID ?? 'k1',
    previousEncryptionKeys: parsePreviousKeys(env.ENCRYPTION_PREVIOUS_KEYS),
  };
});

export type SecretsConfig = ReturnType<typeof secretsConfig>;
