import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const INBOUND_EVENT_STATUSES = ['received', 'processing', 'processed', 'failed', 'ignored'] as const;
export type InboundEventStatus = (typeof INBOUND_EVENT_STATUSES)[number];

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * One webhook received from a provider (SPEC §11.3), stored before it is handled so nothing is lost
 * and a provider's retry is recognised by its id. A log written by the system, not a business record
 * edited by people: it carries timestamps of its own instead of the audit columns and version.
 */
@Entity({ schema: 'platform', name: 'inbound_events' })
@Index(
  'uq_inbound_events_company_id_provider_external_event_id',
  ['companyId', 'provider', 'externalEventId'],
  {
    unique: true,
  },
)
@Index('ix_inbound_events_company_id_received_at_id', ['companyId', 'receivedAt', 'id'])
@Check('ck_inbound_events_status', `"status" IN (${quoted(INBOUND_EVENT_STATUSES)})`)
@Check('ck_inbound_events_external_event_id_length', `char_length("external_event_id") BETWEEN 1 AND 255`)
@ForeignKey('ProviderConfig', ['companyId', 'providerConfigId'], ['companyId', 'id'], {
  onDelete: 'NO ACTION',
})
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class InboundEvent {
  /** UUIDv7, made in the app. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  /** The provider adapter that verified it (`generic`): the namespace of `external_event_id`. */
  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'uuid' })
  providerConfigId: string;

  /** The provider's id of the event (`webhook-id` for `generic`): duplicates are dropped on it. */
  @Column({ type: 'text' })
  externalEventId: string;

  /** The payload's `type`, when it names one. */
  @Column({ type: 'text', nullable: true })
  eventType: string | null;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ type: 'text', default: 'received' })
  status: InboundEventStatus;

  /** How many times a handler started on it. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Why the last attempt failed. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  processedAt: Date | null;
}
