import { generatePrefixedToken, generateToken, hashToken } from './random-token';

describe('generateToken', () => {
  it('returns 32 random bytes as 43 base64url characters', () => {
    const token = generateToken();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('does not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 hex digest (FIPS 180-2 vector for "abc")', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches the SHA-256 vector for the empty string', () => {
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('generatePrefixedToken', () => {
  it('builds <prefix>_<8 base62>_<43 base62> and exposes only the first two parts', () => {
    const { token, visiblePrefix } = generatePrefixedToken('csk');

    expect(token).toMatch(/^csk_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
    expect(visiblePrefix).toMatch(/^csk_[A-Za-z0-9]{8}$/);
    expect(token.startsWith(`${visiblePrefix}_`)).toBe(true);
  });

  it('does not repeat', () => {
    const tokens = Array.from({ length: 1000 }, () => generatePrefixedToken('csk'));
    expect(new Set(tokens.map(({ token }) => token)).size).toBe(1000);
  });

  it.each(['', 'CSK', 'c_k', '1sk', 'csk-live', 'a'.repeat(17)])('rejects the prefix %p', (prefix) => {
    expect(() => generatePrefixedToken(prefix)).toThrow(RangeError);
  });
});
