import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the business change that caused it (the
 * transactional outbox): a rolled-back change leaves no event, a committed one always has one. The
 * webhook dispatcher reads unpublished rows and fans them out to the company's subscriptions.
 */
@Entity({ schema: 'platform', name: 'outbox_events' })
@Index('ix_outbox_events_unpublished', ['occurredAt', 'id'], { where: '"published_at" IS NULL' })
@Index(['companyId', 'occurredAt', 'id'])
export class OutboxEvent {
  /** The event id (UUIDv7): the `webhook-id` every delivery of this event carries. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** NULL for installation-level events. */
  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  /** `<entity>.<verb>` from a module's EventTypeSet. */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  aggregateType: string;

  @Column({ type: 'uuid' })
  aggregateId: string;

  /** The resource as its response DTO shows it (the webhook payload's `data`). */
  @Column({ type: 'jsonb' })
  data: unknown;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  occurredAt: Date;

  /** When the dispatcher fanned the event out to the subscriptions (NULL = still to do). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;
}
