import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/**
 * A subscription term (12 months, 24 months…) with its discount. Inactive or deleted durations stay
 * for the documents that used them but cannot go on new lines.
 */
@Entity({ schema: 'catalog', name: 'durations' })
@Index('uq_durations_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_durations_company_id_months', ['companyId', 'months'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
@Check('ck_durations_name_length', `char_length("name") BETWEEN 1 AND 50`)
@Check('ck_durations_months', `"months" BETWEEN 1 AND 120`)
@Check('ck_durations_discount_percent', `"discount_percent" BETWEEN 0 AND 100`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
export class Duration extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int' })
  months: number;

  /** numeric(5,2), read as a decimal string. */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
