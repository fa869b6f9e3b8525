import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation to join a company with a role. Only sha256 of the token is stored. */
@Entity({ schema: 'companies', name: 'invitations' })
@Index('uq_invitations_company_id_email_pending', ['companyId', 'email'], {
  unique: true,
  where: `status = 'pending' AND deleted_at IS NULL`,
})
@Index('ix_invitations_company_id_status', ['companyId', 'status'])
@Check('ck_invitations_status', `"status" IN ('pending', 'accepted', 'revoked', 'expired')`)
@ForeignKey('Role', ['companyId', 'roleId'], ['companyId', 'id'], { onDelete: 'RESTRICT' })
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Invitation extends TenantOwnedEntity {
  @Column({ type: 'citext' })
  email: string;

  @Column({ type: 'uuid' })
  roleId: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'text', default: 'pending' })
  status: InvitationStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  invitedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  acceptedBy: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  resendCount: number;

  @Column({ type: 'timestamptz', precision: 3 })
  lastSentAt: Date;
}
