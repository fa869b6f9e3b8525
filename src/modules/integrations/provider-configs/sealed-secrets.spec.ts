import { SecretBox, SecretBoxError } from '@libs/security';
import { openCredentials, openInboundSecret, sealCredentials, sealInboundSecret } from './sealed-secrets';

const box = new SecretBox({ currentKeyId: 'k1', keys: { k1: Buffer.alloc(32, 9) } });

describe('sealed provider secrets', () => {
  it('round-trips credentials and the inbound secret, never as plaintext', () => {
    const sealed = sealCredentials(box, 'id-1', { password: 'hunter2' });
    expect(sealed).not.toContain('hunter2');
    expect(openCredentials(box, 'id-1', sealed)).toEqual({ password: 'hunter2' });
    expect(openInboundSecret(box, 'id-1', sealInboundSecret(box, 'id-1', 'whsec_abc'))).toBe('whsec_abc');
  });

  it('binds a ciphertext to its row and column: copied elsewhere it does not open', () => {
    const sealed = sealCredentials(box, 'id-1', { password: 'hunter2' });
    expect(() => openCredentials(box, 'id-2', sealed)).toThrow(SecretBoxError);
    expect(() => openInboundSecret(box, 'id-1', sealed)).toThrow(SecretBoxError);
  });
});
