import { hmacSha256, signWebhook, verifyWebhook, WebhookVerificationError } from './hmac-signature';
import { generateWebhookSecret } from './webhook-secret';

describe('hmacSha256', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches RFC 4231 test case 1 (binary key)', () => {
    expect(hmacSha256(Buffer.alloc(20, 0x0b), Buffer.from('Hi There')).toString('hex')).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });
});

// The reference vector published with the Standard Webhooks specification.
const reference = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const { secret, id, timestamp, body } = reference;
    expect(signWebhook({ secret, id, timestamp, body })).toBe(reference.signature);
  });

  it('signs a Buffer body like the equivalent string', () => {
    const { secret, id, timestamp, body } = reference;
    expect(signWebhook({ secret, id, timestamp, body: Buffer.from(body) })).toBe(reference.signature);
  });

  it.each([
    ['no whsec_ prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['invalid base64', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!'],
    ['a key under 24 bytes', `whsec_${Buffer.alloc(16).toString('base64')}`],
    ['a key over 64 bytes', `whsec_${Buffer.alloc(65).toString('base64')}`],
  ])('rejects a secret with %s', (_, secret) => {
    expect(() => signWebhook({ ...reference, secret })).toThrow(RangeError);
  });

  it('rejects a timestamp that is not integer seconds', () => {
    expect(() => signWebhook({ ...reference, timestamp: 1614265330.5 })).toThrow(RangeError);
  });
});

describe('verifyWebhook', () => {
  const { secret, id, timestamp, body, signature } = reference;
  const valid = { id, timestamp, body, signatureHeader: signature, secrets: [secret], now: timestamp };

  const failureOf = (input: Parameters<typeof verifyWebhook>[0]) => {
    try {
      verifyWebhook(input);
    } catch (error) {
      return error instanceof WebhookVerificationError ? error.reason : error;
    }
    return 'verified';
  };

  it('accepts the reference vector', () => {
    expect(failureOf(valid)).toBe('verified');
  });

  it('accepts a header listing several signatures when any one matches', () => {
    const signatureHeader = `v1,bm90IHRoZSBzaWduYXR1cmU= v1a,ignored-scheme ${signature}`;
    expect(failureOf({ ...valid, signatureHeader })).toBe('verified');
  });

  it('accepts any of several secrets, for rotation overlap', () => {
    expect(failureOf({ ...valid, secrets: [generateWebhookSecret(), secret] })).toBe('verified');
  });

  it.each([
    ['a changed body', { body: '{"test": 2432232315}' }],
    ['a changed id', { id: 'msg_other' }],
    ['another secret', { secrets: [generateWebhookSecret()] }],
    ['an empty header', { signatureHeader: '' }],
    ['a signature under another scheme', { signatureHeader: signature.replace('v1,', 'v2,') }],
    ['a truncated signature', { signatureHeader: signature.slice(0, -2) }],
  ])('rejects %s', (_, change) => {
    expect(failureOf({ ...valid, ...change })).toBe('no_matching_signature');
  });

  it('rejects a timestamp replayed into a genuine signature', () => {
    // The signature covers the timestamp, so refreshing it to pass the tolerance check breaks the signature.
    expect(failureOf({ ...valid, timestamp: timestamp + 3600, now: timestamp + 3600 })).toBe(
      'no_matching_signature',
    );
  });

  it('accepts timestamps within the tolerance, either way', () => {
    expect(failureOf({ ...valid, now: timestamp + 300 })).toBe('verified');
    expect(failureOf({ ...valid, now: timestamp - 300 })).toBe('verified');
    expect(failureOf({ ...valid, now: timestamp + 60, toleranceSeconds: 60 })).toBe('verified');
  });

  it('rejects timestamps outside the tolerance, either way', () => {
    expect(failureOf({ ...valid, now: timestamp + 301 })).toBe('timestamp_out_of_tolerance');
    expect(failureOf({ ...valid, now: timestamp - 301 })).toBe('timestamp_out_of_tolerance');
    expect(failureOf({ ...valid, now: timestamp + 61, toleranceSeconds: 60 })).toBe(
      'timestamp_out_of_tolerance',
    );
  });

  it('treats a non-integer timestamp (e.g. a header that did not parse) as out of tolerance', () => {
    expect(failureOf({ ...valid, timestamp: Number('not a number') })).toBe('timestamp_out_of_tolerance');
  });

  it('checks the timestamp against the clock by default', () => {
    const freshTimestamp = Math.floor(Date.now() / 1000);
    const fresh = signWebhook({ id, timestamp: freshTimestamp, body, secret });

    expect(failureOf({ ...valid, now: undefined })).toBe('timestamp_out_of_tolerance');
    expect(failureOf({ ...valid, now: undefined, timestamp: freshTimestamp, signatureHeader: fresh })).toBe(
      'verified',
    );
  });

  it('throws a RangeError, not a verification failure, when misconfigured', () => {
    expect(() => verifyWebhook({ ...valid, secrets: [] })).toThrow(RangeError);
    expect(() => verifyWebhook({ ...valid, secrets: ['not-a-secret'] })).toThrow(RangeError);
  });
});

describe('generateWebhookSecret', () => {
  it('returns whsec_ and 32 random bytes in base64, usable for signing', () => {
    const { id, timestamp, body } = reference;
    const secret = generateWebhookSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(secret).not.toBe(generateWebhookSecret());

    const signatureHeader = signWebhook({ id, timestamp, body, secret });
    expect(() =>
      verifyWebhook({ id, timestamp, body, signatureHeader, secrets: [secret], now: timestamp }),
    ).not.toThrow();
  });
});
