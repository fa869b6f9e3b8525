import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint (SPEC §11.2): `pending` until its first attempt ends, `failed` while
 * retries remain, then `succeeded` or `dead`. A dispatcher claims a due delivery by pushing
 * `next_attempt_at` forward by a lease, so a delivery whose dispatcher died mid-flight becomes due
 * again when the lease ends (at-least-once). A technical log written by the dispatcher, not a business
 * record: own timestamps, no version, no soft delete.
 */
@Entity({ schema: 'platform', name: 'webhook_deliveries' })
@Index('uq_webhook_deliveries_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_webhook_deliveries_event_id_endpoint_id', ['eventId', 'endpointId'], { unique: true })
@Index('ix_webhook_deliveries_company_id_endpoint_id_created_at_id', [
  'companyId',
  'endpointId',
  'createdAt',
  'id',
])
@Index('ix_webhook_deliveries_due', ['nextAttemptAt'], { where: `"status" IN ('pending', 'failed')` })
@Check('ck_webhook_deliveries_status', `"status" IN ('pending', 'succeeded', 'failed', 'dead')`)
@Check('ck_webhook_deliveries_attempts', `"attempts" >= 0`)
// The composite key keeps a delivery inside its endpoint's company (and through it, a company's).
@ForeignKey('WebhookEndpoint', ['companyId', 'endpointId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  /** The outbox event: its id is the `webhook-id` of every attempt. Purging an event purges its log. */
  @Column({ type: 'uuid' })
  @ForeignKey('OutboxEvent', { onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'uuid' })
  endpointId: string;

  /** The event's type, copied for the `eventType` filter of the delivery log. */
  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  /** Attempts of the current series (a redelivery starts a new one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When the next attempt is due, or the end of the running attempt's lease; null once final. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
