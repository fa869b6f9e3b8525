import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { PermissionScope } from '@libs/core';

/** One permission granted by a role, with its scope. Changes bump the role's version. */
@Entity({ schema: 'access', name: 'role_permissions' })
@Index('ix_role_permissions_permission_key', ['permissionKey'])
@Check('ck_role_permissions_scope', `"scope" IN ('all', 'own')`)
@ForeignKey('Role', ['companyId', 'roleId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class RolePermission {
  @PrimaryColumn({ type: 'uuid' })
  roleId: string;

  @PrimaryColumn({ type: 'text' })
  @ForeignKey('Permission', { onDelete: 'NO ACTION' })
  permissionKey: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'text' })
  scope: PermissionScope;
}
