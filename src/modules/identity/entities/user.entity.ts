import { Check, Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '@libs/persistence';

export const USER_STATUSES = ['pending_verification', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person who signs in (global, not tenant-owned). Deletion = soft delete with personal data anonymised. */
@Entity({ schema: 'identity', name: 'users' })
@Index('uq_users_email', ['email'], { unique: true, where: 'deleted_at IS NULL' })
@Check('ck_users_status', `"status" IN ('pending_verification', 'active', 'disabled')`)
@Check('ck_users_name_length', `char_length("name") BETWEEN 1 AND 200`)
@Check(
  'ck_users_email_password_when_not_deleted',
  `"deleted_at" IS NOT NULL OR ("email" IS NOT NULL AND "password_hash" IS NOT NULL)`,
)
export class User extends AuditedEntity {
  @Column({ type: 'citext', nullable: true })
  email: string | null;

  /** bcrypt `$2b$12$…`; never leaves this module. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'pending_verification' })
  status: UserStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  onboardingCompletedAt: Date | null;

  /** Bumped to invalidate every access token at once (logout-all, password reset/change). */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ type: 'text', default: 'en' })
  locale: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  @Column({ type: 'boolean', default: false })
  isPlatformAdmin: boolean;
}
