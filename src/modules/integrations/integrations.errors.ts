import { AppError, CoreErrorCode, type FieldError } from '@libs/core';

export enum IntegrationsErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  UnknownProvider = 'unknown_provider',
  ProviderTypeMismatch = 'provider_type_mismatch',
  ActivationConflict = 'activation_conflict',
  InvalidSignature = 'invalid_signature',
  InvalidTransition = 'invalid_transition',
}

export class IntegrationsError extends AppError {}

export const notFound = (resource: string): IntegrationsError =>
  new IntegrationsError(404, IntegrationsErrorCode.NotFound, `${resource} not found`);

/** 400 naming every failing field, e.g. `credentials.url`. */
export const invalidFields = (
  errors: FieldError[],
  code: string = IntegrationsErrorCode.ValidationFailed,
): IntegrationsError =>
  new IntegrationsError(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

export const invalidField = (
  path: string,
  message: string,
  code: string = IntegrationsErrorCode.ValidationFailed,
): IntegrationsError => invalidFields([{ path, code, message }], code);

/** A concurrent activation of another configuration of the same type won (the partial unique index). */
export const activationConflict = (): IntegrationsError =>
  new IntegrationsError(
    409,
    IntegrationsErrorCode.ActivationConflict,
    'Another configuration of this type was activated at the same time; fetch the list and retry',
    { headers: { 'Retry-After': '1' } },
  );

/** The row changed between our read and our conditional write (no If-Match was sent, or it raced). */
export const concurrentChange = (): AppError =>
  new AppError(
    409,
    CoreErrorCode.ConcurrentUpdate,
    'The record was changed concurrently; retry the request',
    {
      headers: { 'Retry-After': '1' },
    },
  );

/**
 * 401 for an inbound webhook whose signature headers are missing, stale or wrong. The detail is the
 * same whatever the reason, so a forger learns nothing; the reason goes to the log only.
 */
export const invalidSignature = (): IntegrationsError =>
  new IntegrationsError(
    401,
    IntegrationsErrorCode.InvalidSignature,
    'The webhook signature is missing, invalid or too old',
  );

export const invalidTransition = (
  currentState: string,
  allowed: string[],
  detail: string,
): IntegrationsError =>
  new IntegrationsError(409, IntegrationsErrorCode.InvalidTransition, detail, {
    extensions: { currentState, allowed },
  });
