import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

export const PRODUCT_TYPES = ['good', 'service', 'subscription'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * Something a company sells. Archived products stay readable but cannot go on new lines; a product
 * that ever appeared on an order or invoice line (`first_used_at`) can be archived, never deleted.
 */
@Entity({ schema: 'catalog', name: 'products' })
@Index('uq_products_company_id_id', ['companyId', 'id'], { unique: true })
// Written by the migration (expression, partial, trigram and jsonb_path_ops indexes):
// (company_id, lower(sku)) WHERE deleted_at IS NULL; GIN trigram on name and sku for `q`; GIN on attributes.
@Index('uq_products_company_id_lower_sku', { synchronize: false })
@Index('ix_products_name_sku_trgm', { synchronize: false })
@Index('ix_products_attributes', { synchronize: false })
@Index('ix_products_company_id_status_name_id', ['companyId', 'status', 'name', 'id'])
@Index('ix_products_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Index('ix_products_company_id_category_id', ['companyId', 'categoryId'])
@Index('ix_products_company_id_tax_rate_id', ['companyId', 'taxRateId'])
@Check('ck_products_sku_format', `"sku" ~ '^[A-Za-z0-9._-]{1,64}$'`)
@Check('ck_products_name_length', `char_length("name") BETWEEN 1 AND 200`)
@Check('ck_products_unit_length', `char_length("unit") BETWEEN 1 AND 20`)
@Check('ck_products_type', `"type" IN ('good', 'service', 'subscription')`)
@Check('ck_products_status', `"status" IN ('active', 'archived')`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('ProductCategory', ['companyId', 'categoryId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('TaxRate', ['companyId', 'taxRateId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class Product extends TenantOwnedEntity {
  /** `^[A-Za-z0-9._-]{1,64}$`, unique in the company ignoring case. */
  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  type: ProductType;

  @Column({ type: 'text', default: 'active' })
  status: ProductStatus;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  /** null = the company's default tax rate applies. */
  @Column({ type: 'uuid', nullable: true })
  taxRateId: string | null;

  @Column({ type: 'text', default: 'each' })
  unit: string;

  /** Set once, through CatalogPricing.markProductsUsed, when the product first goes on a document line. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstUsedAt: Date | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  attributes: Record<string, unknown>;
}
