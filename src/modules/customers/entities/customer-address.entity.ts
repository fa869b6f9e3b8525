import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const ADDRESS_TYPES = ['billing', 'shipping', 'other'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** A postal address of a customer; at most one default per type. Removing one deletes the row. */
@Entity({ schema: 'customers', name: 'customer_addresses' })
@Index('ix_customer_addresses_company_id_customer_id', ['companyId', 'customerId'])
@Index('uq_customer_addresses_customer_id_type_default', ['customerId', 'type'], {
  unique: true,
  where: 'is_default',
})
@Check('ck_customer_addresses_type', `"type" IN ('billing', 'shipping', 'other')`)
@Check('ck_customer_addresses_line1_length', `char_length("line1") BETWEEN 1 AND 200`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class CustomerAddress extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  type: AddressType;

  @Column({ type: 'text' })
  line1: string;

  @Column({ type: 'text', nullable: true })
  line2: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  postalCode: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  @ForeignKey('Country', { onDelete: 'NO ACTION' })
  countryCode: string | null;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}
