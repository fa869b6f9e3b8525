import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const MEMBERSHIP_STATUSES = ['active', 'suspended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const JOINED_VIA = ['created', 'invitation', 'admin'] as const;
export type JoinedVia = (typeof JOINED_VIA)[number];

/**
 * A user's place in a company: exactly one role and a status. Removal is a soft delete; a later
 * invitation creates a new row.
 */
@Entity({ schema: 'companies', name: 'memberships' })
@Index('uq_memberships_company_id_user_id', ['companyId', 'userId'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
@Index('uq_memberships_user_id_default', ['userId'], {
  unique: true,
  where: 'is_default AND deleted_at IS NULL',
})
@Index('ix_memberships_user_id', ['userId'])
@Index('ix_memberships_company_id_role_id', ['companyId', 'roleId'])
@Check('ck_memberships_status', `"status" IN ('active', 'suspended')`)
@Check('ck_memberships_joined_via', `"joined_via" IN ('created', 'invitation', 'admin')`)
@ForeignKey('Role', ['companyId', 'roleId'], ['companyId', 'id'], { onDelete: 'RESTRICT' })
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Membership extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  userId: string;

  @Column({ type: 'uuid' })
  roleId: string;

  @Column({ type: 'text', default: 'active' })
  status: MembershipStatus;

  /** The company chosen at login when the token names none (at most one per user). */
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'text' })
  joinedVia: JoinedVia;

  /** The user who sent the accepted invitation. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  invitedBy: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  joinedAt: Date;
}
