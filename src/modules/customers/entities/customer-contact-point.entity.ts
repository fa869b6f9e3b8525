import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const CONTACT_POINT_TYPES = ['email', 'phone', 'other'] as const;
export type ContactPointType = (typeof CONTACT_POINT_TYPES)[number];

/**
 * One way to reach a customer. Values are normalised (e-mail lower-cased, phone E.164); each type has
 * exactly one primary point while it has any. Removing a point deletes the row (history: audit log).
 */
@Entity({ schema: 'customers', name: 'customer_contact_points' })
@Index('uq_customer_contact_points_customer_id_type_value', ['customerId', 'type', 'value'], { unique: true })
@Index('uq_customer_contact_points_customer_id_type_primary', ['customerId', 'type'], {
  unique: true,
  where: 'is_primary',
})
@Check('ck_customer_contact_points_type', `"type" IN ('email', 'phone', 'other')`)
@Check('ck_customer_contact_points_value_length', `char_length("value") BETWEEN 1 AND 254`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class CustomerContactPoint extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  type: ContactPointType;

  /** Free text such as `work` or `home`. */
  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;
}
