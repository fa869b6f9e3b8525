import { AppError, type FieldError } from '@libs/core';

export enum IdentityErrorCode {
  EmailTaken = 'email_taken',
  TokenInvalid = 'token_invalid',
  InvalidCredentials = 'invalid_credentials',
  EmailNotVerified = 'email_not_verified',
  AccountDisabled = 'account_disabled',
  TooManyAttempts = 'too_many_attempts',
  RefreshInvalid = 'refresh_invalid',
  PasswordTooShort = 'password_too_short',
  PasswordTooLong = 'password_too_long',
  PasswordEqualsEmail = 'password_equals_email',
  PasswordIncorrect = 'password_incorrect',
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  MembershipsUnavailable = 'memberships_unavailable',
  CannotChangeOwnAccount = 'cannot_change_own_account',
}

export class IdentityError extends AppError {}

export const emailTaken = (path = 'email'): IdentityError =>
  new IdentityError(
    409,
    IdentityErrorCode.EmailTaken,
    'This e-mail address is already used by another account',
    {
      errors: [{ path, code: IdentityErrorCode.EmailTaken, message: 'is already taken' }],
    },
  );

export const tokenInvalid = (): IdentityError =>
  new IdentityError(400, IdentityErrorCode.TokenInvalid, 'The token is invalid, expired or already used', {
    errors: [
      { path: 'token', code: IdentityErrorCode.TokenInvalid, message: 'is invalid, expired or already used' },
    ],
  });

export const invalidCredentials = (): IdentityError =>
  new IdentityError(401, IdentityErrorCode.InvalidCredentials, 'The e-mail address or the password is wrong');

export const refreshInvalid = (): IdentityError =>
  new IdentityError(
    401,
    IdentityErrorCode.RefreshInvalid,
    'The refresh token is invalid, expired or revoked',
  );

export const tooManyAttempts = (retryAfterSeconds: number): IdentityError =>
  new IdentityError(
    429,
    IdentityErrorCode.TooManyAttempts,
    'Too many failed sign-in attempts; try again later',
    { headers: { 'Retry-After': String(retryAfterSeconds) }, extensions: { retryAfter: retryAfterSeconds } },
  );

/** 400 naming the field (`password`, `newPassword`, `currentPassword`…). */
export const fieldError = (errors: FieldError[]): IdentityError =>
  new IdentityError(
    400,
    IdentityErrorCode.ValidationFailed,
    errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    {
      errors,
    },
  );

export const passwordIncorrect = (path: string): IdentityError =>
  fieldError([{ path, code: IdentityErrorCode.PasswordIncorrect, message: 'is not the current password' }]);
