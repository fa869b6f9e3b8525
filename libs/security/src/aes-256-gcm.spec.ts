import { GCM_IV_BYTES, GCM_TAG_BYTES, openAes256Gcm, sealAes256Gcm } from './aes-256-gcm';

const hex = (value: string) => Buffer.from(value, 'hex');

describe('AES-256-GCM', () => {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256 with AAD).
  it('decrypts the published test case 16 and authenticates its AAD', () => {
    const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const sealed = {
      iv: hex('cafebabefacedbaddecaf888'),
      tag: hex('76fc6ece0f4e1768cddf8853bb2d551b'),
      ciphertext: hex(
        '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
          '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
      ),
    };

    expect(openAes256Gcm(key, sealed, aad).toString('hex')).toBe(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    expect(() => openAes256Gcm(key, sealed)).toThrow();
  });

  it('seals with a fresh 12-byte IV and a 16-byte tag each time', () => {
    const key = Buffer.alloc(32, 7);
    const plaintext = Buffer.from('same input');
    const first = sealAes256Gcm(key, plaintext);
    const second = sealAes256Gcm(key, plaintext);

    expect(first.iv).toHaveLength(GCM_IV_BYTES);
    expect(first.tag).toHaveLength(GCM_TAG_BYTES);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(openAes256Gcm(key, first)).toEqual(plaintext);
  });
});
