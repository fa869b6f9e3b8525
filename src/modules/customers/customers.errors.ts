import { AppError, CoreErrorCode, type FieldError } from '@libs/core';

export enum CustomersErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  ReferenceNotFound = 'reference_not_found',
  InvalidPhone = 'invalid_phone',
  InvalidAttributes = 'invalid_attributes',
  InvalidTransition = 'invalid_transition',
  IdentityTaken = 'identity_taken',
  ContactPointTaken = 'contact_point_taken',
  TagNameTaken = 'tag_name_taken',
  ScopeExceeded = 'scope_exceeded',
}

export class CustomersError extends AppError {}

export const notFound = (resource: string): CustomersError =>
  new CustomersError(404, CustomersErrorCode.NotFound, `${resource} not found`);

/**
 * 400 naming every failing field (`contactPoints[1].value`, `tagIds[0]`). The problem's `code` is the
 * fields' code when they all share one (a client can branch on `reference_not_found`), else
 * `validation_failed`.
 */
export const invalidFields = (errors: FieldError[]): CustomersError => {
  const codes = new Set(errors.map((e) => e.code));
  const code = codes.size === 1 ? errors[0].code : CustomersErrorCode.ValidationFailed;
  return new CustomersError(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

export const invalidField = (
  path: string,
  message: string,
  code: string = CustomersErrorCode.ValidationFailed,
): CustomersError => invalidFields([{ path, code, message }]);

/** 400 for a body reference (`organizationId`, `tagIds[2]`...) that does not resolve in the company. */
export const referenceNotFound = (path: string, what: string): CustomersError =>
  invalidField(path, `${what} does not exist`, CustomersErrorCode.ReferenceNotFound);

/** 409: the channel identity already belongs to a customer (possibly a deleted one). */
export const identityTaken = (existingCustomerId: string | null): CustomersError =>
  new CustomersError(
    409,
    CustomersErrorCode.IdentityTaken,
    'This identity already belongs to a customer of the company',
    { extensions: { existingCustomerId } },
  );

export const contactPointTaken = (path: string): CustomersError =>
  new CustomersError(
    409,
    CustomersErrorCode.ContactPointTaken,
    'The customer already has this contact point',
    {
      errors: [
        {
          path,
          code: CustomersErrorCode.ContactPointTaken,
          message: 'is already a contact point of this customer',
        },
      ],
    },
  );

export const tagNameTaken = (): CustomersError =>
  new CustomersError(
    409,
    CustomersErrorCode.TagNameTaken,
    'Another tag of the company already has this name',
    {
      errors: [{ path: 'name', code: CustomersErrorCode.TagNameTaken, message: 'is already taken' }],
    },
  );

/** 409 for a state change the current state does not allow (SPEC §1). */
export const invalidTransition = (currentState: string, allowed: string[]): CustomersError =>
  new CustomersError(
    409,
    CustomersErrorCode.InvalidTransition,
    `Not allowed while the customer is ${currentState}`,
    {
      extensions: { currentState, allowed },
    },
  );

/** 403: a principal with scope `own` tried to give a customer to someone else (SPEC §4). */
export const scopeExceeded = (): CustomersError =>
  new CustomersError(
    403,
    CustomersErrorCode.ScopeExceeded,
    'Your permission covers only your own customers: you cannot give one to someone else',
    { errors: [{ path: 'ownerId', code: CustomersErrorCode.ScopeExceeded, message: 'must be yourself' }] },
  );

/** The row changed between the locked read and the write: cannot happen under FOR UPDATE, kept as a guard. */
export const concurrentChange = (): AppError =>
  new AppError(
    409,
    CoreErrorCode.ConcurrentUpdate,
    'The customer was changed concurrently; retry the request',
    {
      headers: { 'Retry-After': '1' },
    },
  );

/** 400 for fields a PATCH may change but not clear (`null` passes @IsOptional). */
export function rejectNulls(dto: object, fields: readonly string[]): void {
  const errors = fields
    .filter((field) => (dto as Record<string, unknown>)[field] === null)
    .map((path) => ({ path, code: 'required', message: 'cannot be null' }));
  if (errors.length) throw invalidFields(errors);
}
