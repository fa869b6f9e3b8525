import { SecretBox, SecretBoxError } from './secret-box';

const b64url = (value: string) => Buffer.from(value, 'hex').toString('base64url');

/** Replaces one base64url part of a sealed value (1 = key id … 4 = ciphertext). */
function withPart(sealed: string, index: number, value: string): string {
  const parts = sealed.split('.');
  parts[index] = value;
  return parts.join('.');
}

function flipFirstByte(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('SecretBox', () => {
  const oldKey = Buffer.alloc(32, 1);
  const newKey = Buffer.alloc(32, 2);
  const box = new SecretBox({ currentKeyId: '2025-01', keys: { '2024-01': oldKey, '2025-01': newKey } });

  describe('known-answer vectors (McGrew & Viega test cases 13 and 14: zero key, zero IV)', () => {
    const zeroBox = new SecretBox({ currentKeyId: 'zero', keys: { zero: Buffer.alloc(32) } });
    const zeroIv = b64url('000000000000000000000000');

    it('opens an empty plaintext', () => {
      const sealed = `v1.zero.${zeroIv}.${b64url('530f8afbc74536b9a963b4f1c4cb738b')}.`;
      expect(zeroBox.decrypt(sealed)).toBe('');
    });

    it('opens 16 zero bytes', () => {
      const tag = b64url('d0d1c8a799996bf0265b98b5d48ab919');
      const ciphertext = b64url('cea7403d4d606b6e074ec5d3baf39d18');
      expect(zeroBox.decrypt(`v1.zero.${zeroIv}.${tag}.${ciphertext}`)).toBe('\0'.repeat(16));
    });
  });

  describe('encrypt', () => {
    it('produces v1.<keyId>.<12-byte iv>.<16-byte tag>.<ciphertext> under the current key', () => {
      const [version, keyId, iv, tag, ciphertext] = box.encrypt('hello').split('.');

      expect([version, keyId]).toEqual(['v1', '2025-01']);
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(5);
    });

    it('never produces the same output twice for the same input', () => {
      expect(box.encrypt('hello')).not.toBe(box.encrypt('hello'));
    });
  });

  describe('decrypt', () => {
    it.each(['', 'plain ascii', 'ünïcødé ✓ 🔐', 'x'.repeat(10_000)])('round-trips %p', (plaintext) => {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    });

    it('round-trips with aad and rejects a different or missing aad', () => {
      const sealed = box.encrypt('totp-seed', 'users:42:totp');

      expect(box.decrypt(sealed, 'users:42:totp')).toBe('totp-seed');
      expect(() => box.decrypt(sealed, 'users:43:totp')).toThrow(SecretBoxError);
      expect(() => box.decrypt(sealed)).toThrow(SecretBoxError);
    });

    it.each([
      ['iv', 2],
      ['tag', 3],
      ['ciphertext', 4],
    ])('detects a flipped byte in the %s', (_, index) => {
      const sealed = box.encrypt('do not touch');
      const tampered = withPart(sealed, index, flipFirstByte(sealed.split('.')[index]));

      expect(() => box.decrypt(tampered)).toThrow(SecretBoxError);
    });

    it('rejects a value relabelled with another known key id', () => {
      const relabelled = withPart(box.encrypt('secret'), 1, '2024-01');
      expect(() => box.decrypt(relabelled)).toThrow(SecretBoxError);
    });

    it('decrypts values sealed under an older key that is still configured', () => {
      const oldBox = new SecretBox({ currentKeyId: '2024-01', keys: { '2024-01': oldKey } });
      expect(box.decrypt(oldBox.encrypt('legacy'))).toBe('legacy');
    });

    it('rejects an unknown key id', () => {
      const otherBox = new SecretBox({ currentKeyId: 'other', keys: { other: newKey } });
      expect(() => box.decrypt(otherBox.encrypt('secret'))).toThrow(/unknown key id "other"/);
    });

    it.each([
      ['an empty string', ''],
      ['another version', 'v2.2025-01.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.'],
      ['missing parts', 'v1.2025-01.AAAAAAAAAAAAAAAA'],
      ['too many parts', 'v1.2025-01.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA..'],
      ['a short iv', 'v1.2025-01.AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.'],
      ['a short tag', 'v1.2025-01.AAAAAAAAAAAAAAAA.AAAAAAAA.'],
      ['non-base64url characters', 'v1.2025-01.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.ab+/'],
      ['an empty key id', 'v1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.'],
    ])('rejects %s as malformed', (_, sealed) => {
      expect(() => box.decrypt(sealed)).toThrow(new SecretBoxError('Malformed sealed value'));
    });
  });

  describe('rotation', () => {
    it('reports the key id and whether a value needs re-encryption', () => {
      const oldBox = new SecretBox({ currentKeyId: '2024-01', keys: { '2024-01': oldKey } });
      const stale = oldBox.encrypt('secret');
      const fresh = box.encrypt('secret');

      expect(box.keyIdOf(stale)).toBe('2024-01');
      expect(box.needsRotation(stale)).toBe(true);
      expect(box.keyIdOf(fresh)).toBe('2025-01');
      expect(box.needsRotation(fresh)).toBe(false);
    });

    it('throws SecretBoxError when asked about a malformed value', () => {
      expect(() => box.keyIdOf('not sealed')).toThrow(SecretBoxError);
      expect(() => box.needsRotation('not sealed')).toThrow(SecretBoxError);
    });
  });

  describe('construction', () => {
    it.each([
      [
        'a short key',
        { currentKeyId: 'k', keys: { k: Buffer.alloc(31) } },
        /"k" must be a Buffer of exactly 32 bytes/,
      ],
      ['a long key', { currentKeyId: 'k', keys: { k: Buffer.alloc(33) } }, /exactly 32 bytes/],
      ['a key id with a dot', { currentKeyId: 'a.b', keys: { 'a.b': newKey } }, /key id "a.b"/],
      [
        'an unknown current key id',
        { currentKeyId: 'missing', keys: { k: newKey } },
        /"missing" is not among/,
      ],
    ])('rejects %s', (_, options, message) => {
      expect(() => new SecretBox(options)).toThrow(message);
    });

    it('keeps its own copy of the keys', () => {
      const key = Buffer.alloc(32, 9);
      const ownBox = new SecretBox({ currentKeyId: 'k', keys: { k: key } });
      const sealed = ownBox.encrypt('secret');
      key.fill(0);

      expect(ownBox.decrypt(sealed)).toBe('secret');
    });
  });
});
