import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const SYSTEM_ROLE_KEYS = ['owner', 'admin', 'manager', 'agent', 'sales', 'finance', 'viewer'] as const;
export type SystemRoleKey = (typeof SYSTEM_ROLE_KEYS)[number];

/**
 * A role of one company: a named set of permission keys. The seven system roles are created with the
 * company and cannot be renamed or deleted. Deletion is a hard delete, so the RESTRICT foreign keys of
 * the rows using a role (memberships, invitations, API keys) refuse it while the role is in use.
 */
@Entity({ schema: 'access', name: 'roles' })
@Index('uq_roles_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_roles_company_id_key', ['companyId', 'key'], { unique: true })
@Index('uq_roles_company_id_system_key', ['companyId', 'systemKey'], {
  unique: true,
  where: 'system_key IS NOT NULL',
})
@Check('ck_roles_name_length', `char_length("name") BETWEEN 2 AND 50`)
@Check('ck_roles_key_length', `char_length("key") BETWEEN 1 AND 50`)
@Check(
  'ck_roles_system_key',
  `("is_system" AND "system_key" IN ('owner', 'admin', 'manager', 'agent', 'sales', 'finance', 'viewer')) OR (NOT "is_system" AND "system_key" IS NULL)`,
)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Role extends TenantOwnedEntity {
  /** UPPER_SNAKE of the name, unique in the company. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  isSystem: boolean;

  /** Which system role this is (`owner`...), null for custom roles. */
  @Column({ type: 'text', nullable: true })
  systemKey: SystemRoleKey | null;
}
