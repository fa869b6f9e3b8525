import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const TOKEN_PURPOSES = ['verify_email', 'change_email', 'reset_password', 'set_password'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** A single-use e-mailed token (verification, reset, e-mail change); only its sha256 is stored. */
@Entity({ schema: 'identity', name: 'user_tokens' })
@Index('ix_user_tokens_user_id_purpose', ['userId', 'purpose'])
@Check(
  'ck_user_tokens_purpose',
  `"purpose" IN ('verify_email', 'change_email', 'reset_password', 'set_password')`,
)
export class UserToken {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('User', { onDelete: 'NO ACTION' })
  userId: string;

  @Column({ type: 'text' })
  purpose: TokenPurpose;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  /** `{ newEmail }` for `change_email`. */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, string> | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;
}
