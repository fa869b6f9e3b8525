import type { SecretsConfig } from './secrets.config';
import { secretBoxOf } from './secret-box';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

describe('secretBoxOf', () => {
  it('seals with the current key and still opens values of the retired keys', () => {
    const retired = secretBoxOf({
      jwtSecret: 'x'.repeat(40),
      encryptionKey: key(1),
      encryptionKeyId: 'k1',
      previousEncryptionKeys: {},
    } satisfies SecretsConfig);
    const sealedBefore = retired.encrypt('hello', 'aad');

    const rotated = secretBoxOf({
      jwtSecret: 'x'.repeat(40),
      encryptionKey: key(2),
      encryptionKeyId: 'k2',
      previousEncryptionKeys: { k1: key(1) },
    });
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(sealedBefore, 'aad')).toBe('hello');
    expect(rotated.needsRotation(sealedBefore)).toBe(true);
    expect(rotated.keyIdOf(rotated.encrypt('hello'))).toBe('k2');
  });
});
