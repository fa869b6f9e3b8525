import { PermissionSet } from '@libs/core';

/** The audit key of the platform domain (SPEC §11.1). */
export const AuditPermission = {
  Read: 'platform.audit.read',
} as const;

export const AUDIT_PERMISSIONS = new PermissionSet('platform', [
  { key: AuditPermission.Read, description: "Read the company's audit log" },
]);
