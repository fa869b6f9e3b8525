import { parseKey } from './encryption-key';

describe('parseKey', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 8 + 3));

  it.each([
    ['base64', key.toString('base64')],
    ['base64 without padding', key.toString('base64').replace(/=+$/, '')],
    ['base64url', key.toString('base64url')],
    ['hex', key.toString('hex')],
    ['upper-case hex', key.toString('hex').toUpperCase()],
    ['text with a trailing newline', `${key.toString('base64')}\n`],
  ])('reads %s', (_, text) => {
    expect(parseKey(text)).toEqual(key);
  });

  it.each([
    ['an empty string', ''],
    ['a 16-byte key', Buffer.alloc(16).toString('base64')],
    ['a 33-byte key', Buffer.alloc(33).toString('base64')],
    ['62 hex characters', 'ab'.repeat(31)],
    ['text with invalid characters', `${key.toString('base64').slice(0, 40)}!!!=`],
  ])('rejects %s', (_, text) => {
    expect(() => parseKey(text)).toThrow(RangeError);
  });

  it('keeps the rejected text out of the error message, as it may be a secret', () => {
    const almostAKey = Buffer.alloc(31, 0xab).toString('hex');
    expect(() => parseKey(almostAKey)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('abab') }),
    );
  });
});
