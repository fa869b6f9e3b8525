import { randomBytes } from 'node:crypto';

const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The Standard Webhooks range; shorter keys are too weak, and the spec tells senders to stay within it. */
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** 256 bits, the HMAC-SHA256 output size: a longer key adds no strength. */
const GENERATED_SECRET_BYTES = 32;

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new signing secret for a webhook endpoint: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

/**
 * The HMAC key inside a `whsec_<base64>` secret: the decoded bytes, not the text. Throws a `RangeError`
 * (without echoing the secret) on anything else, since a misread secret would sign with the wrong key.
 */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : '';
  const key = Buffer.from(encoded, 'base64');
  if (!BASE64_PATTERN.test(encoded) || key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    const range = `${MIN_SECRET_BYTES}-${MAX_SECRET_BYTES}`;
    throw new RangeError(`Webhook secret must be "${WEBHOOK_SECRET_PREFIX}" and base64 of ${range} bytes`);
  }
  return key;
}
