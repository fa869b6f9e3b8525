import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time';
import { webhookSecretKey } from './webhook-secret';

/** The only signature scheme we produce or accept; others in a header (e.g. `v1a`) are skipped. */
const SIGNATURE_VERSION = 'v1';

/** Five minutes either way, as Standard Webhooks recommends: bounds replays and tolerates clock skew. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of `data` (UTF-8 when a string) under `key`. */
export function hmacSha256(key: string | Buffer, data: string | Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export interface WebhookMessage {
  /** The `webhook-id` header: unique per message, so receivers can drop duplicates. */
  id: string;
  /** The `webhook-timestamp` header, in Unix seconds. */
  timestamp: number;
  /** The raw body exactly as sent; re-serialized JSON would not verify. */
  body: string | Buffer;
}

// Signing the id and the timestamp with the body stops an attacker from replaying a body under a new
// id (defeating deduplication) or with a fresh timestamp (defeating the tolerance window).
function signatureOf({ id, timestamp, body }: WebhookMessage, key: Buffer): Buffer {
  if (!Number.isSafeInteger(timestamp)) throw new RangeError('Webhook timestamp must be Unix seconds');
  const signedContent = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), Buffer.from(body)]);
  return hmacSha256(key, signedContent);
}

/**
 * The `webhook-signature` header value for a message, per Standard Webhooks: `v1,<base64 HMAC-SHA256>` of
 * `<id>.<timestamp>.<body>`, keyed with the bytes of a `whsec_` secret.
 */
export function signWebhook(message: WebhookMessage & { secret: string }): string {
  return `${SIGNATURE_VERSION},${signatureOf(message, webhookSecretKey(message.secret)).toString('base64')}`;
}

export type WebhookVerificationFailure = 'timestamp_out_of_tolerance' | 'no_matching_signature';

/** The message must be rejected; `reason` is for logs and metrics, not for the sender. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(readonly reason: WebhookVerificationFailure) {
    super(`Webhook verification failed: ${reason}`);
  }
}

export interface VerifyWebhookInput extends WebhookMessage {
  /** The `webhook-signature` header: space-separated `v1,<base64>` entries, any one of which may match. */
  signatureHeader: string;
  /** Every currently valid `whsec_` secret: during a rotation, both the old and the new one. */
  secrets: string[];
  toleranceSeconds?: number;
  /** Current time in Unix seconds; defaults to the clock. */
  now?: number;
}

/**
 * Returns normally only for an authentic, fresh message; otherwise throws `WebhookVerificationError`.
 * Throwing rather than returning false means a caller that forgets to check cannot accept a forgery.
 * A non-integer timestamp counts as out of tolerance; invalid secrets or an empty list throw `RangeError`
 * (misconfiguration, not a bad message).
 */
export function verifyWebhook(input: VerifyWebhookInput): void {
  const { timestamp, signatureHeader, secrets, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input;
  if (secrets.length === 0) throw new RangeError('verifyWebhook needs at least one secret');
  const keys = secrets.map(webhookSecretKey);

  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_out_of_tolerance');
  }

  // Compared as base64 text, exactly as sent: decoding first would let differently spelled strings match.
  const entryPrefix = `${SIGNATURE_VERSION},`;
  const candidates = signatureHeader
    .split(' ')
    .filter((entry) => entry.startsWith(entryPrefix))
    .map((entry) => entry.slice(entryPrefix.length));
  const expected = keys.map((key) => signatureOf(input, key).toString('base64'));
  const matches = expected.some((signature) =>
    candidates.some((candidate) => constantTimeEqual(candidate, signature)),
  );
  if (!matches) throw new WebhookVerificationError('no_matching_signature');
}
