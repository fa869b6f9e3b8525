import { AppError, CoreErrorCode, type FieldError } from '@libs/core';

export enum AccessErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  RoleNameReserved = 'role_name_reserved',
  RoleNameTaken = 'role_name_taken',
  RoleInUse = 'role_in_use',
  SystemRoleImmutable = 'system_role_immutable',
  UnknownPermission = 'unknown_permission',
  ScopeNotAllowed = 'scope_not_allowed',
  DuplicatePermission = 'duplicate_permission',
  PrivilegeEscalation = 'privilege_escalation',
  ReferenceNotFound = 'reference_not_found',
  ApiKeyRevoked = 'api_key_revoked',
}

export class AccessError extends AppError {}

export const notFound = (resource: string): AccessError =>
  new AccessError(404, AccessErrorCode.NotFound, `${resource} not found`);

/** 400 naming every failing field, e.g. `permissions[2].key`. */
export const invalidFields = (errors: FieldError[], code = AccessErrorCode.ValidationFailed): AccessError =>
  new AccessError(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

export const referenceNotFound = (path: string, what: string): AccessError =>
  invalidFields(
    [{ path, code: AccessErrorCode.ReferenceNotFound, message: `${what} does not exist` }],
    AccessErrorCode.ReferenceNotFound,
  );

export const roleNameReserved = (name: string): AccessError =>
  invalidFields(
    [
      {
        path: 'name',
        code: AccessErrorCode.RoleNameReserved,
        message: `"${name}" is reserved for a system role`,
      },
    ],
    AccessErrorCode.RoleNameReserved,
  );

export const roleNameTaken = (): AccessError =>
  new AccessError(409, AccessErrorCode.RoleNameTaken, 'Another role of the company already has this name');

export const roleInUse = (): AccessError =>
  new AccessError(
    409,
    AccessErrorCode.RoleInUse,
    'The role is still used by members, invitations or API keys; move them to another role first',
  );

export const systemRoleImmutable = (detail: string): AccessError =>
  new AccessError(409, AccessErrorCode.SystemRoleImmutable, detail);

/** 403: the caller tried to grant a permission (or a wider scope) it does not hold itself. */
export const privilegeEscalation = (keys: string[]): AccessError =>
  new AccessError(
    403,
    AccessErrorCode.PrivilegeEscalation,
    `You cannot grant permissions you do not hold yourself: ${keys.join(', ')}`,
    { extensions: { permissions: keys } },
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
