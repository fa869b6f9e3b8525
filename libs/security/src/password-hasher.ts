import { hash, verify } from '@node-rs/bcrypt';
import { generateToken } from './random-token';

/** Work factor for new hashes; stored hashes carry their own cost, so raising this only affects new ones. */
export const BCRYPT_COST = 12;

/** bcrypt only reads the first 72 bytes of its input; anything beyond would be ignored. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * Thrown instead of letting bcrypt silently truncate: two long passwords sharing their first 72 bytes
 * would otherwise hash, and verify, as the same password.
 */
export class PasswordTooLongError extends Error {
  override readonly name = 'PasswordTooLongError';

  constructor(readonly byteLength: number) {
    super(`Password is ${byteLength} UTF-8 bytes long; at most ${PASSWORD_MAX_BYTES} are allowed`);
  }
}

// Bytes, not characters: 'é' is one character but two UTF-8 bytes, and bcrypt counts bytes.
function assertPasswordLength(plain: string): void {
  const byteLength = Buffer.byteLength(plain, 'utf8');
  if (byteLength > PASSWORD_MAX_BYTES) throw new PasswordTooLongError(byteLength);
}

// Only the async bcrypt functions are used: they run on the libuv thread pool, whereas the sync ones
// would block the event loop (and every other request) for the ~0.25 s a cost-12 hash takes.

/** Produces a `$2b$12$…` hash with a fresh random salt. Throws `PasswordTooLongError` above 72 bytes. */
export async function hashPassword(plain: string): Promise<string> {
  assertPasswordLength(plain);
  return hash(plain, { cost: BCRYPT_COST });
}

/**
 * True when `plain` matches `passwordHash`; false on a mismatch or a malformed hash. Throws
 * `PasswordTooLongError` above 72 bytes, because bcrypt would compare only the first 72 and could accept a
 * password that merely starts like the real one.
 */
export async function verifyPassword(plain: string, passwordHash: string): Promise<boolean> {
  assertPasswordLength(plain);
  return verify(plain, passwordHash);
}

let dummyHash: Promise<string> | undefined;

/**
 * A valid cost-12 hash of a random, never-disclosed string. A login for an unknown e-mail verifies against
 * it, so it takes as long as a login for a known one and response times do not reveal which accounts exist.
 * Computed on first use (not at import, which would slow every start) and shared by concurrent callers.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(generateToken()).catch((error: unknown) => {
    // Do not cache a failure: the next login should try again rather than fail forever.
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}
