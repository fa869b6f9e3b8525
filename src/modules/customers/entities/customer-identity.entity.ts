import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const IDENTITY_CHANNELS = ['whatsapp', 'web_chat', 'email', 'sms', 'api'] as const;
export type IdentityChannel = (typeof IDENTITY_CHANNELS)[number];

/**
 * How a customer is recognised on an inbound channel (a WhatsApp number, a chat visitor id...). One
 * external id belongs to one customer of the company, deleted or not: the unique is not partial, and
 * detaching an identity deletes the row.
 */
@Entity({ schema: 'customers', name: 'customer_identities' })
@Index('uq_customer_identities_company_id_channel_external_id', ['companyId', 'channel', 'externalId'], {
  unique: true,
})
@Index('ix_customer_identities_company_id_customer_id', ['companyId', 'customerId'])
@Check('ck_customer_identities_channel', `"channel" IN ('whatsapp', 'web_chat', 'email', 'sms', 'api')`)
@Check('ck_customer_identities_external_id_length', `char_length("external_id") BETWEEN 1 AND 200`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class CustomerIdentity extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  channel: IdentityChannel;

  /** Normalised per channel: phone channels E.164, e-mail lower-cased, others trimmed. */
  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata: Record<string, unknown>;
}
