import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A remembered POST: while `in_progress` it fences concurrent retries; once `completed` it holds the
 * answer to replay. Rows expire after 24 h (purged by the platform purge job).
 */
@Entity({ schema: 'platform', name: 'idempotency_keys' })
@Index(['expiresAt'])
@Check('ck_idempotency_keys_state', `"state" IN ('in_progress', 'completed')`)
export class IdempotencyKey {
  /** `company:<id>`, `user:<id>` or `ip:<address>`: keys of different principals never meet. */
  @PrimaryColumn({ type: 'text' })
  scope: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** sha256 of method, path and canonical body. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'text' })
  state: 'in_progress' | 'completed';

  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  /** An in-flight claim older than this was abandoned (crashed process) and may be taken over. */
  @Column({ type: 'timestamptz', precision: 3 })
  lockedUntil: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
