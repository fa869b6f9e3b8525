import { generateWebhookSecret, signWebhook } from '@libs/security';
import { genericAdapter } from './generic-adapter';
import { InboundVerificationError } from './inbound-adapter';

const secret = generateWebhookSecret();
const now = () => Math.floor(Date.now() / 1000);

function signed(body: string, options: { id?: string; timestamp?: number; key?: string } = {}) {
  const id = options.id ?? 'msg_1';
  const timestamp = options.timestamp ?? now();
  const signature = signWebhook({ id, timestamp, body, secret: options.key ?? secret });
  return {
    headers: { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
    rawBody: Buffer.from(body),
    body: JSON.parse(body) as unknown,
  };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InboundVerificationError) return error.reason;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('genericAdapter (Standard Webhooks)', () => {
  it('accepts an authentic message: the event id is webhook-id, the type comes from the payload', () => {
    const request = signed('{"type":"message.created","data":{"text":"hi"}}', { id: 'evt_42' });
    expect(genericAdapter.verify(request, secret)).toEqual({
      externalEventId: 'evt_42',
      eventType: 'message.created',
    });
    expect(genericAdapter.verify(signed('{"data":1}'), secret).eventType).toBeNull();
  });

  it('verifies the exact bytes: the same JSON spelled differently does not verify', () => {
    const request = signed('{"a": 1}');
    expect(
      reasonOf(() => genericAdapter.verify({ ...request, rawBody: Buffer.from('{"a":1}') }, secret)),
    ).toBe('no_matching_signature');
  });

  it('rejects another secret, a stale or future timestamp, and missing or repeated headers', () => {
    const body = '{"a":1}';
    expect(
      reasonOf(() => genericAdapter.verify(signed(body, { key: generateWebhookSecret() }), secret)),
    ).toBe('no_matching_signature');
    expect(reasonOf(() => genericAdapter.verify(signed(body, { timestamp: now() - 301 }), secret))).toBe(
      'timestamp_out_of_tolerance',
    );
    expect(reasonOf(() => genericAdapter.verify(signed(body, { timestamp: now() + 301 }), secret))).toBe(
      'timestamp_out_of_tolerance',
    );
    const request = signed(body);
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const headers: Record<string, string> = { ...request.headers };
      delete headers[header];
      expect(reasonOf(() => genericAdapter.verify({ ...request, headers }, secret))).toBe('missing_headers');
    }
    const repeated = { ...request.headers, 'webhook-id': ['msg_1', 'msg_2'] };
    expect(reasonOf(() => genericAdapter.verify({ ...request, headers: repeated }, secret))).toBe(
      'missing_headers',
    );
  });

  it('rejects a malformed timestamp and an over-long id before computing anything', () => {
    const request = signed('{}');
    const badTimestamp = { ...request.headers, 'webhook-timestamp': '1e9' };
    expect(reasonOf(() => genericAdapter.verify({ ...request, headers: badTimestamp }, secret))).toBe(
      'malformed_timestamp',
    );
    expect(reasonOf(() => genericAdapter.verify(signed('{}', { id: 'x'.repeat(256) }), secret))).toBe(
      'malformed_id',
    );
  });
});
