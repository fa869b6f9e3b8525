import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/**
 * A tax rate of the company. At most one is the default (applied to products without their own
 * rate); soft-deleted, never while a product references it.
 */
@Entity({ schema: 'catalog', name: 'tax_rates' })
@Index('uq_tax_rates_company_id_id', ['companyId', 'id'], { unique: true })
// (company_id, lower(name)) WHERE deleted_at IS NULL: written by the migration (expression index).
@Index('uq_tax_rates_company_id_lower_name', { synchronize: false })
@Index('uq_tax_rates_company_id_default', ['companyId'], {
  unique: true,
  where: 'is_default AND deleted_at IS NULL',
})
@Check('ck_tax_rates_name_length', `char_length("name") BETWEEN 1 AND 50`)
@Check('ck_tax_rates_rate_percent', `"rate_percent" BETWEEN 0 AND 100`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class TaxRate extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;

  /** numeric(6,3), read as a decimal string. */
  @Column({ type: 'numeric', precision: 6, scale: 3 })
  ratePercent: string;

  /** true: prices already include this tax (it is extracted, not added). */
  @Column({ type: 'boolean', default: false })
  inclusive: boolean;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}
