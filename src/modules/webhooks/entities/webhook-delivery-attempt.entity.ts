import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One HTTP attempt of a delivery, as the receiver answered it (SPEC §11.2). Append-only. */
@Entity({ schema: 'platform', name: 'webhook_delivery_attempts' })
@Index('ix_webhook_delivery_attempts_company_id_delivery_id_started_at', [
  'companyId',
  'deliveryId',
  'startedAt',
])
@ForeignKey('WebhookDelivery', ['companyId', 'deliveryId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class WebhookDeliveryAttempt {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  /** 1-based number within the delivery's attempt series. */
  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'timestamptz', precision: 3 })
  startedAt: Date;

  @Column({ type: 'int' })
  durationMs: number;

  /** The receiver's HTTP status; null when no answer came (timeout, refused, bad address). */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  /** The first 4 KB of the answer's body. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  /** Why the attempt failed, when it did. */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
