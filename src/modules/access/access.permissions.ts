import { PermissionSet } from '@libs/core';

/** The permission keys of the access module (SPEC §4's endpoint table). */
export const AccessPermission = {
  RoleRead: 'access.role.read',
  RoleManage: 'access.role.manage',
  ApiKeyRead: 'access.api-key.read',
  ApiKeyManage: 'access.api-key.manage',
} as const;

export const ACCESS_PERMISSIONS = new PermissionSet('access', [
  {
    key: AccessPermission.RoleRead,
    description: 'List roles, their permissions and the permission catalogue',
  },
  {
    key: AccessPermission.RoleManage,
    description: 'Create, rename and delete roles; change their permissions',
  },
  { key: AccessPermission.ApiKeyRead, description: 'List API keys (never their secrets)' },
  { key: AccessPermission.ApiKeyManage, description: 'Create, change and revoke API keys' },
]);
