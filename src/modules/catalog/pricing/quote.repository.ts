import { Inject, Injectable } from '@nestjs/common';
import { prepared, PreparedQueries, requireCompanyId } from '@libs/persistence';
import type { ProductStatus, ProductType } from '../products/entities/product.entity';
import type { PriceBand, TierMode } from './pricing-engine';

/** What pricing needs of one product: its ladder in the quote's currency and its tax rate. */
export interface ProductToPrice {
  id: string;
  sku: string;
  name: string;
  type: ProductType;
  status: ProductStatus;
  /** null: no ladder in the currency. */
  tierMode: TierMode | null;
  tiers: PriceBand[] | null;
  /** The product's rate, else the company default; null when neither exists. */
  taxRatePercent: string | null;
  taxInclusive: boolean | null;
}

export interface DurationToPrice {
  id: string;
  months: number;
  discountPercent: string;
  active: boolean;
}

/**
 * Every product of a quote in one statement: the live products, their ladder (bands as JSON, prices
 * as text so no float ever touches them) in the currency, and their effective tax rate (own, else
 * the company's default, which is why there is no separate default-rate query).
 */
const PRODUCTS_TO_PRICE = prepared(
  'catalog.products-to-price',
  `SELECT p.id, p.sku, p.name, p.type, p.status, pp.tier_mode AS "tierMode",
          (SELECT json_agg(json_build_object('minQty', t.min_qty, 'maxQty', t.max_qty,
                                             'unitPrice', t.unit_price::text) ORDER BY t.min_qty)
             FROM catalog.price_tiers t
            WHERE t.company_id = $1 AND t.product_price_id = pp.id) AS tiers,
          COALESCE(tr.rate_percent, dtr.rate_percent)::text AS "taxRatePercent",
          COALESCE(tr.inclusive, dtr.inclusive) AS "taxInclusive"
     FROM catalog.products p
     LEFT JOIN catalog.product_prices pp
       ON pp.company_id = p.company_id AND pp.product_id = p.id AND pp.currency = $3
     LEFT JOIN catalog.tax_rates tr
       ON tr.company_id = p.company_id AND tr.id = p.tax_rate_id AND tr.deleted_at IS NULL
     LEFT JOIN catalog.tax_rates dtr
       ON dtr.company_id = p.company_id AND dtr.is_default AND dtr.deleted_at IS NULL
    WHERE p.company_id = $1 AND p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL`,
);

const DURATIONS_TO_PRICE = prepared(
  'catalog.durations-to-price',
  `SELECT id, months, discount_percent::text AS "discountPercent", active
     FROM catalog.durations
    WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
);

/**
 * Locks the live products a document line is about to use (FOR SHARE: concurrent orders do not wait
 * for each other, a concurrent delete waits for the order, or the order sees the product gone).
 */
const LOCK_PRODUCTS_IN_USE = prepared(
  'catalog.lock-products-in-use',
  `SELECT id, first_used_at IS NOT NULL AS used
     FROM catalog.products
    WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL
      FOR SHARE`,
);

/** Bookkeeping, not an edit: no version bump, so clients' ETags stay valid. */
const MARK_PRODUCTS_USED = prepared(
  'catalog.mark-products-used',
  `UPDATE catalog.products SET first_used_at = now()
    WHERE company_id = $1 AND id = ANY($2::uuid[]) AND first_used_at IS NULL`,
);

/** The reads of pricing (a benchmarked hot path: named prepared statements) and the used-stamp. */
@Injectable()
export class QuoteRepository {
  constructor(@Inject(PreparedQueries) private readonly sql: PreparedQueries) {}

  async productsToPrice(
    productIds: readonly string[],
    currency: string,
  ): Promise<Map<string, ProductToPrice>> {
    const rows = await this.sql.rows<ProductToPrice>(PRODUCTS_TO_PRICE, [
      requireCompanyId(),
      productIds,
      currency,
    ]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async durationsToPrice(durationIds: readonly string[]): Promise<Map<string, DurationToPrice>> {
    if (durationIds.length === 0) return new Map();
    const rows = await this.sql.rows<DurationToPrice>(DURATIONS_TO_PRICE, [requireCompanyId(), durationIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Locks the live products among `productIds`; returns id -> already used. */
  async lockProductsInUse(productIds: readonly string[]): Promise<Map<string, boolean>> {
    const rows = await this.sql.rows<{ id: string; used: boolean }>(LOCK_PRODUCTS_IN_USE, [
      requireCompanyId(),
      productIds,
    ]);
    return new Map(rows.map((row) => [row.id, row.used]));
  }

  async markUsed(productIds: readonly string[]): Promise<void> {
    await this.sql.rows(MARK_PRODUCTS_USED, [requireCompanyId(), productIds]);
  }
}
