import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsConfig } from './secrets.config';

describe('secrets configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  function useEnv(env: Record<string, string | undefined>): void {
    const names = [
      'NODE_ENV',
      'JWT_SECRET',
      'ENCRYPTION_KEY',
      'ENCRYPTION_KEY_ID',
      'ENCRYPTION_PREVIOUS_KEYS',
    ];
    for (const key of [...names, 'DATA_DIR']) delete process.env[key];
    for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  }

  it('refuses to start in production without secrets, naming each missing variable', () => {
    useEnv({ NODE_ENV: 'production' });
    expect(() => secretsConfig()).toThrow(/JWT_SECRET[\s\S]*ENCRYPTION_KEY/);
  });

  it('rejects a short JWT secret and a malformed encryption key', () => {
    useEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', ENCRYPTION_KEY: 'not-a-key' });
    expect(() => secretsConfig()).toThrow(/JWT_SECRET[\s\S]*ENCRYPTION_KEY must be 32 bytes in base64/);
  });

  it('uses the secrets given in production', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    useEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: key,
      ENCRYPTION_KEY_ID: 'k7',
    });
    expect(secretsConfig()).toEqual({
      jwtSecret: 'x'.repeat(40),
      encryptionKey: key,
      encryptionKeyId: 'k7',
      previousEncryptionKeys: {},
    });
  });

  it('reads retired encryption keys by id, and rejects a malformed list', () => {
    const [k5, k6] = [5, 6].map((byte) => Buffer.alloc(32, byte).toString('base64'));
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: k6,
      ENCRYPTION_KEY_ID: 'k6',
    };
    useEnv({ ...env, ENCRYPTION_PREVIOUS_KEYS: `k5:${k5},k4:${k5}` });
    expect(secretsConfig().previousEncryptionKeys).toEqual({ k5, k4: k5 });
    useEnv({ ...env, ENCRYPTION_PREVIOUS_KEYS: `k5=${k5}` });
    expect(() => secretsConfig()).toThrow(/ENCRYPTION_PREVIOUS_KEYS must be/);
  });

  it('generates missing secrets once in development, private to the owner, and reuses them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cornerstone-secrets-'));
    useEnv({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const first = secretsConfig();
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.encryptionKey, 'base64')).toHaveLength(32);
    expect(secretsConfig()).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ JWT_SECRET: first.jwtSecret });
  });
});
