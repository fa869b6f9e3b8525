import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in device. The refresh token is `<id>.<secret>`; only sha256(secret) is stored, and it changes
 * on every refresh, so a token presented twice is recognised as stolen (reuse detection).
 */
@Entity({ schema: 'identity', name: 'sessions' })
@Index('ix_sessions_user_id_revoked_at', ['userId', 'revokedAt'])
export class Session {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  userId: string;

  /** The active company (JWT `cid`); no FK: companies is a downstream module. */
  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ type: 'text', unique: true })
  refreshHash: string;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  lastUsedAt: Date;

  /** Last use + 30 days, capped by absoluteExpiresAt. */
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  /** Creation + 90 days: a session never lives longer, however often it is refreshed. */
  @Column({ type: 'timestamptz', precision: 3 })
  absoluteExpiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokeReason: string | null;
}
