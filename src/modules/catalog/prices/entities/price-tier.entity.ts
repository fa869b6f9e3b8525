import { Check, Column, Entity, Exclusion, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * One band of a price ladder: `min_qty..max_qty` (max NULL = open) at `unit_price`. The whole ladder
 * is replaced at once; the EXCLUDE constraint (btree_gist) makes overlapping bands impossible even if
 * a bug slipped past the service's ladder validation.
 */
@Entity({ schema: 'catalog', name: 'price_tiers' })
@Check('ck_price_tiers_min_qty', `"min_qty" >= 1`)
@Check('ck_price_tiers_max_qty', `"max_qty" IS NULL OR "max_qty" >= "min_qty"`)
@Check('ck_price_tiers_unit_price', `"unit_price" >= 0`)
@Exclusion(
  'xc_price_tiers_no_overlap',
  `USING gist ("product_price_id" WITH =, int4range("min_qty", "max_qty", '[]') WITH &&)`,
)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('ProductPrice', ['companyId', 'productPriceId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class PriceTier {
  @PrimaryColumn({ type: 'uuid' })
  productPriceId: string;

  @PrimaryColumn({ type: 'int' })
  minQty: number;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'int', nullable: true })
  maxQty: number | null;

  /** numeric(19,4), read as a decimal string. */
  @Column({ type: 'numeric', precision: 19, scale: 4 })
  unitPrice: string;
}
