import { timingSafeEqual } from 'node:crypto';

const toBuffer = (value: string | Buffer): Buffer =>
  typeof value === 'string' ? Buffer.from(value, 'utf8') : value;

/**
 * Compares secrets (tokens, signatures, MACs) in time that does not depend on where they first differ, so
 * an attacker cannot recover a secret one byte at a time by measuring responses.
 *
 * The length is not hidden: different lengths return false at once (where `timingSafeEqual` would throw).
 * Compare fixed-length values, such as digests, when the length itself is secret.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = toBuffer(a);
  const right = toBuffer(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
