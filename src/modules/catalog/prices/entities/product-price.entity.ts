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
import type { TierMode } from '../../pricing/pricing-engine';

/**
 * The price ladder of a product in one currency (its bands are price_tiers). A child of the product:
 * it changes under the product's If-Match and version, and is deleted for good (no soft delete).
 */
@Entity({ schema: 'catalog', name: 'product_prices' })
@Index('uq_product_prices_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_product_prices_company_id_product_id_currency', ['companyId', 'productId', 'currency'], {
  unique: true,
})
@Check('ck_product_prices_tier_mode', `"tier_mode" IN ('graduated', 'volume')`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Product', ['companyId', 'productId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class ProductPrice {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  productId: string;

  /** ISO 4217, from reference data. */
  @Column({ type: 'char', length: 3 })
  @ForeignKey('Currency', { onDelete: 'NO ACTION' })
  currency: string;

  @Column({ type: 'text' })
  tierMode: TierMode;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
