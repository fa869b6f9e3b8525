import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const AUTH_EVENT_TYPES = [
  'register',
  'email_verified',
  'login_succeeded',
  'login_failed',
  'lockout',
  'refresh_reuse',
  'logout',
  'logout_all',
  'session_revoked',
  'password_reset_requested',
  'password_reset',
  'password_changed',
  'email_change_requested',
  'email_changed',
  'company_switched',
  'account_deleted',
  'user_created',
  'user_updated',
  'user_disabled',
  'user_enabled',
] as const;
export type AuthEventType = (typeof AUTH_EVENT_TYPES)[number];

/**
 * Security log of sign-in activity (append-only: a trigger refuses UPDATE and DELETE outside the purge
 * job). Holds no password, token or hash: only who, what, from where.
 */
@Entity({ schema: 'identity', name: 'auth_events' })
@Index('ix_auth_events_user_id_created_at', ['userId', 'createdAt'])
@Index('ix_auth_events_email_created_at', ['email', 'createdAt'])
@Index('ix_auth_events_ip_created_at', ['ip', 'createdAt'])
@Check('ck_auth_events_type', `"type" IN (${AUTH_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`)
export class AuthEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  userId: string | null;

  /** Normalised (trimmed, lower case) e-mail the event is about, also for unknown accounts. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text' })
  type: AuthEventType;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
