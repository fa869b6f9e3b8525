import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import type { PriceBand, TierMode } from '../pricing/pricing-engine';

export interface PriceLadder {
  currency: string;
  tierMode: TierMode;
  tiers: PriceBand[];
}

/** The ladders of a live product, with its version (the ETag they change under). */
export interface ProductLadders {
  version: number;
  ladders: PriceLadder[];
}

/** The price ladders (product_prices + price_tiers) of the context's company's products. */
@Injectable()
export class PricesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** One statement: the product (null when absent or deleted) and its ladders, of one currency or all. */
  async laddersOf(productId: string, currency: string | null): Promise<ProductLadders | null> {
    const rows = await this.txHost.tx.query<
      Array<{
        version: number;
        currency: string | null;
        tier_mode: TierMode | null;
        tiers: PriceBand[] | null;
      }>
    >(
      `SELECT p.version, pp.currency, pp.tier_mode,
              (SELECT json_agg(json_build_object('minQty', t.min_qty, 'maxQty', t.max_qty,
                                                 'unitPrice', t.unit_price::text) ORDER BY t.min_qty)
                 FROM catalog.price_tiers t
                WHERE t.company_id = $1 AND t.product_price_id = pp.id) AS tiers
         FROM catalog.products p
         LEFT JOIN catalog.product_prices pp
           ON pp.company_id = p.company_id AND pp.product_id = p.id AND ($3::char(3) IS NULL OR pp.currency = $3)
        WHERE p.company_id = $1 AND p.id = $2 AND p.deleted_at IS NULL
        ORDER BY pp.currency`,
      [requireCompanyId(), productId, currency],
    );
    if (rows.length === 0) return null;
    return {
      version: rows[0].version,
      ladders: rows
        .filter((row) => row.currency !== null)
        .map((row) => ({ currency: row.currency!, tierMode: row.tier_mode!, tiers: row.tiers ?? [] })),
    };
  }

  /**
   * Replaces the ladder of one currency: the price row is upserted (its id stays stable), its bands
   * are deleted and inserted anew. Throws the driver's 23503 on `fk_product_prices_currency` for a
   * currency the reference data does not know.
   */
  async replace(productId: string, ladder: PriceLadder): Promise<PriceLadder> {
    const companyId = requireCompanyId();
    const actor = currentActorId();
    const [price] = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO catalog.product_prices (id, company_id, product_id, currency, tier_mode, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (company_id, product_id, currency)
       DO UPDATE SET tier_mode = EXCLUDED.tier_mode, updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING id`,
      [uuidv7(), companyId, productId, ladder.currency, ladder.tierMode, actor],
    );
    await this.txHost.tx.query(
      `DELETE FROM catalog.price_tiers WHERE company_id = $1 AND product_price_id = $2`,
      [companyId, price.id],
    );
    const tiers = await this.txHost.tx.query<PriceBand[]>(
      `INSERT INTO catalog.price_tiers (company_id, product_price_id, min_qty, max_qty, unit_price)
       SELECT $1, $2, t.min_qty, t.max_qty, t.unit_price
         FROM unnest($3::int[], $4::int[], $5::numeric[]) AS t(min_qty, max_qty, unit_price)
       RETURNING min_qty AS "minQty", max_qty AS "maxQty", unit_price::text AS "unitPrice"`,
      [
        companyId,
        price.id,
        ladder.tiers.map((t) => t.minQty),
        ladder.tiers.map((t) => t.maxQty),
        ladder.tiers.map((t) => t.unitPrice),
      ],
    );
    return { ...ladder, tiers: tiers.sort((a, b) => a.minQty - b.minQty) };
  }

  /** Deletes the ladder of one currency (its bands go with it); false when there was none. */
  async remove(productId: string, currency: string): Promise<boolean> {
    const [, affected] = await this.txHost.tx.query<[unknown[], number]>(
      `DELETE FROM catalog.product_prices WHERE company_id = $1 AND product_id = $2 AND currency = $3`,
      [requireCompanyId(), productId, currency],
    );
    return affected > 0;
  }
}
