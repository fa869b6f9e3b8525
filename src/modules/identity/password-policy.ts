import type { FieldError } from '@libs/core';
import { PASSWORD_MAX_BYTES } from '@libs/security';
import { IdentityErrorCode } from './identity.errors';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * SPEC §2: at least 10 characters, at most 72 UTF-8 bytes (rejected, never truncated: bcrypt reads only
 * 72 bytes), not the e-mail address. Returns the problem with the password, or null when it is fine.
 */
export function checkPassword(password: string, email: string | null, path = 'password'): FieldError | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return {
      path,
      code: IdentityErrorCode.PasswordTooShort,
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    };
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES)
    return {
      path,
      code: IdentityErrorCode.PasswordTooLong,
      message: `must be at most ${PASSWORD_MAX_BYTES} bytes (UTF-8) long`,
    };
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    return { path, code: IdentityErrorCode.PasswordEqualsEmail, message: 'must not be the e-mail address' };
  return null;
}

/** E-mail as stored and compared: trimmed, lower case (the column is citext; events store this form). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
