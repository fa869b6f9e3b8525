import { AppError } from '@libs/core';

export enum CompaniesErrorCode {
  NotFound = 'not_found',
  SlugTaken = 'slug_taken',
  LastOwner = 'last_owner',
  OwnerRequired = 'owner_required',
  NotAMember = 'not_a_member',
  AlreadyMember = 'already_member',
  InvitationPending = 'invitation_pending',
  InvitationNotFound = 'invitation_not_found',
  InvitationExpired = 'invitation_expired',
  InvitationRevoked = 'invitation_revoked',
  InvitationAlreadyAccepted = 'invitation_already_accepted',
  InvitationEmailMismatch = 'invitation_email_mismatch',
  InvitationNotPending = 'invitation_not_pending',
  PrivilegeEscalation = 'privilege_escalation',
  ReferenceNotFound = 'reference_not_found',
  TooManyResends = 'too_many_resends',
  ValidationFailed = 'validation_failed',
}

export class CompaniesError extends AppError {}

export const notFound = (resource: string): CompaniesError =>
  new CompaniesError(404, CompaniesErrorCode.NotFound, `${resource} not found`);

/** 400 for a body reference (`roleId`, `countryCode`...) that does not resolve in the company. */
export const referenceNotFound = (path: string, what = 'The referenced record'): CompaniesError =>
  new CompaniesError(400, CompaniesErrorCode.ReferenceNotFound, `${path}: ${what} does not exist`, {
    errors: [{ path, code: CompaniesErrorCode.ReferenceNotFound, message: 'does not exist' }],
  });

export const invalidField = (path: string, message: string): CompaniesError =>
  new CompaniesError(400, CompaniesErrorCode.ValidationFailed, `${path}: ${message}`, {
    errors: [{ path, code: CompaniesErrorCode.ValidationFailed, message }],
  });

export const lastOwner = (): CompaniesError =>
  new CompaniesError(409, CompaniesErrorCode.LastOwner, 'A company must keep at least one active owner');

export const ownerRequired = (): CompaniesError =>
  new CompaniesError(
    403,
    CompaniesErrorCode.OwnerRequired,
    'Only an owner may grant or revoke the owner role',
  );

export const notAMember = (): CompaniesError =>
  new CompaniesError(403, CompaniesErrorCode.NotAMember, 'You are not an active member of this company');

export const slugTaken = (): CompaniesError =>
  new CompaniesError(409, CompaniesErrorCode.SlugTaken, 'This slug is already used by another company', {
    errors: [{ path: 'slug', code: CompaniesErrorCode.SlugTaken, message: 'is already taken' }],
  });
