import { constantTimeEqual } from './constant-time';

describe('constantTimeEqual', () => {
  it('is true for equal strings, Buffers, or a mix of both', () => {
    expect(constantTimeEqual('s3cret-tøken', 's3cret-tøken')).toBe(true);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual('abc', Buffer.from('abc'))).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('is false for different values of the same length', () => {
    expect(constantTimeEqual('abcdef', 'abcdeg')).toBe(false);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([0, 2, 3]))).toBe(false);
  });

  it('is false, without throwing, when the lengths differ', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(1))).toBe(false);
  });

  it('compares UTF-8 bytes, not UTF-16 code units', () => {
    // Both are two UTF-16 code units long, but 'é' takes two UTF-8 bytes.
    expect(constantTimeEqual('éa', 'ab')).toBe(false);
    expect(constantTimeEqual('é', Buffer.from([0xc3, 0xa9]))).toBe(true);
  });
});
