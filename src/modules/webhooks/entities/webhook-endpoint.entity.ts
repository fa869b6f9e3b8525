import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/**
 * A company's subscription: where to POST which event types (SPEC §11.2). The signing secret is stored
 * sealed (AES-256-GCM, SecretBox) and bound to the row; after a rotation the previous secret keeps
 * signing too until `previous_secret_expires_at`, so receivers can switch without losing messages.
 * Column names contain `secret`, which the audit log redacts.
 */
@Entity({ schema: 'platform', name: 'webhook_endpoints' })
@Index('uq_webhook_endpoints_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_webhook_endpoints_company_id_url', ['companyId', 'url'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
@Index('ix_webhook_endpoints_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Check('ck_webhook_endpoints_url_length', `char_length("url") BETWEEN 1 AND 2048`)
@Check('ck_webhook_endpoints_description_length', `char_length("description") <= 500`)
@Check('ck_webhook_endpoints_event_types', `cardinality("event_types") >= 1`)
@Check('ck_webhook_endpoints_consecutive_failures', `"consecutive_failures" >= 0`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class WebhookEndpoint extends TenantOwnedEntity {
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Types from the event catalogue; at least one. */
  @Column({ type: 'text', array: true })
  eventTypes: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** The current `whsec_…` secret, sealed with SecretBox. */
  @Column({ type: 'text' })
  secretCiphertext: string;

  /** The secret replaced by the last rotation, still signing until `previousSecretExpiresAt`. */
  @Column({ type: 'text', nullable: true })
  previousSecretCiphertext: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Failed delivery attempts in a row (reset by a success or by `enable`); operational, no version bump. */
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;
}
