import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch } from '@libs/core';
import { DomainEvents, isForeignKeyViolation } from '@libs/persistence';
import { invalidFields, notFound, referenceNotFound } from '../catalog.errors';
import { CatalogEvent } from '../catalog.events';
import { validateLadder } from '../pricing/ladder-validation';
import type { Product } from '../products/entities/product.entity';
import { publishProductEvent } from '../products/product-events';
import { ProductsRepository } from '../products/products.repository';
import type { PutPriceLadderDto } from './dto/price-ladder.dto';
import { type PriceLadder, PricesRepository, type ProductLadders } from './prices.repository';

/** The reference-data foreign key of product_prices.currency (ISO 4217 codes of `ref.currencies`). */
const CURRENCY_FOREIGN_KEY = 'fk_product_prices_currency';

/**
 * Price ladders of a product, one per currency (SPEC §6). They are children of the product: each
 * change runs under the product's If-Match, bumps its version and publishes `product.updated`.
 */
@Injectable()
export class PricesService {
  constructor(
    private readonly prices: PricesRepository,
    private readonly products: ProductsRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(productId: string, currency: string | null): Promise<ProductLadders> {
    const found = await this.prices.laddersOf(productId, currency);
    if (!found) throw notFound('Product');
    return found;
  }

  /** Replaces one currency's ladder atomically; returns it with the product's new version. */
  @Transactional()
  async replace(
    productId: string,
    dto: PutPriceLadderDto,
    ifMatch: string | undefined,
  ): Promise<{ ladder: PriceLadder; version: number }> {
    const errors = validateLadder(dto.tiers);
    if (errors.length) throw invalidFields(errors);
    const product = await this.mustFindForUpdate(productId);
    assertIfMatch(ifMatch, product.version);
    let ladder: PriceLadder;
    try {
      ladder = await this.prices.replace(productId, {
        currency: dto.currency,
        tierMode: dto.tierMode,
        tiers: dto.tiers.map((t) => ({ minQty: t.minQty, maxQty: t.maxQty ?? null, unitPrice: t.unitPrice })),
      });
    } catch (error) {
      if (isForeignKeyViolation(error, CURRENCY_FOREIGN_KEY))
        throw referenceNotFound('currency', 'The currency');
      throw error;
    }
    await this.changed(product);
    return { ladder, version: product.version };
  }

  /** Removes one currency's ladder (404 when the product has none in it). */
  @Transactional()
  async remove(productId: string, currency: string, ifMatch: string | undefined): Promise<void> {
    const product = await this.mustFindForUpdate(productId);
    assertIfMatch(ifMatch, product.version);
    if (!(await this.prices.remove(productId, currency))) throw notFound(`Price ladder in ${currency}`);
    await this.changed(product);
  }

  private async mustFindForUpdate(id: string): Promise<Product> {
    const product = await this.products.rows.findLive(id, 'update');
    if (!product) throw notFound('Product');
    return product;
  }

  /** A ladder is part of the product: its version moves and subscribers hear of it. */
  private async changed(product: Product): Promise<void> {
    await this.products.rows.update(product, {});
    await publishProductEvent(this.events, CatalogEvent.ProductUpdated, product);
  }
}
