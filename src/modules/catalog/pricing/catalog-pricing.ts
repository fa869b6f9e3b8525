import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { Transactional } from '@nestjs-cls/transactional';
import type { FieldError } from '@libs/core';
import { CompaniesService } from '../../companies';
import { CatalogErrorCode, invalidFields } from '../catalog.errors';
import type { ProductType } from '../products/entities/product.entity';
import {
  type DocumentTotals,
  ladderCovers,
  type LineInput,
  priceLine,
  type PricedLine,
  sumLines,
  type TierMode,
} from './pricing-engine';
import { type QuoteRequest, validateQuoteRequest } from './quote-request';
import { type DurationToPrice, type ProductToPrice, QuoteRepository } from './quote.repository';

/** One priced line: what was asked, the product as priced (for snapshots) and the engine's result. */
export interface QuoteLine extends PricedLine {
  productId: string;
  sku: string;
  name: string;
  productType: ProductType;
  tierMode: TierMode;
  quantity: number;
  durationId: string | null;
  /** The duration's discount, 2 dp ("0.00" without a duration). */
  durationDiscountPercent: string;
  /** The manual discount, 2 dp. */
  discountPercent: string;
}

export interface Quote extends DocumentTotals {
  currency: string;
  items: QuoteLine[];
}

const NO_TAX = { ratePercent: '0', inclusive: false };

/**
 * The catalog's pricing service (SPEC §6), public to the orders module: `quote` prices lines exactly
 * as `POST /pricing/quote` does and runs inside the caller's transaction when there is one;
 * `markProductsUsed` stamps `first_used_at` when products go on a document line. Errors are one 400
 * CatalogError naming `items[i].<field>` (callers may re-map the paths).
 *
 * A quote reads at most four statements whatever its size: the company (only without `currency`),
 * the billing details (tax registration), the products with ladders and tax rates, the durations.
 */
@Injectable()
export class CatalogPricing {
  constructor(
    private readonly quotes: QuoteRepository,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
  ) {}

  async quote(request: QuoteRequest): Promise<Quote> {
    const shapeErrors = validateQuoteRequest(request);
    if (shapeErrors.length) throw invalidFields(shapeErrors);
    const currency = request.currency ?? (await this.companies.current()).defaultCurrency;
    const productIds = [...new Set(request.items.map((item) => item.productId))];
    const durationIds = [
      ...new Set(request.items.flatMap((item) => (item.durationId ? [item.durationId] : []))),
    ];
    const [products, durations, billing] = await Promise.all([
      this.quotes.productsToPrice(productIds, currency),
      this.quotes.durationsToPrice(durationIds),
      this.companies.billingDetails(),
    ]);

    const errors: FieldError[] = [];
    const lines = request.items.map((item, i) => {
      const fail = (field: string, code: CatalogErrorCode, message: string): undefined => {
        errors.push({ path: `items[${i}].${field}`, code, message });
        return undefined;
      };
      const product = products.get(item.productId);
      if (!product)
        return fail('productId', CatalogErrorCode.ReferenceNotFound, 'The product does not exist');
      if (product.status === 'archived') {
        return fail('productId', CatalogErrorCode.ProductArchived, 'The product is archived');
      }
      if (!product.tierMode || !product.tiers) {
        return fail(
          'productId',
          CatalogErrorCode.NoPriceInCurrency,
          `The product has no price in ${currency}`,
        );
      }
      if (!ladderCovers(product.tiers, item.quantity)) {
        return fail('quantity', CatalogErrorCode.QuantityNotPriced, "is beyond the product's price ladder");
      }
      const duration = this.durationOf(product, item.durationId ?? null, durations, fail);
      if (duration === undefined) return undefined;
      const input: LineInput = {
        quantity: item.quantity,
        tierMode: product.tierMode,
        tiers: product.tiers,
        duration: duration && { months: duration.months, discountPercent: duration.discountPercent },
        discountPercent: item.discountPercent ?? '0',
        // SPEC §3: a company that is not tax-registered charges no tax on any line.
        tax:
          billing.taxRegistered && product.taxRatePercent !== null
            ? { ratePercent: product.taxRatePercent, inclusive: product.taxInclusive ?? false }
            : NO_TAX,
      };
      return { item, product, duration, input };
    });
    if (errors.length) throw invalidFields(errors);

    const items = lines.map((line): QuoteLine => {
      const { item, product, duration, input } = line!;
      return {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        productType: product.type,
        tierMode: input.tierMode,
        quantity: item.quantity,
        durationId: duration?.id ?? null,
        durationDiscountPercent: percent2(duration?.discountPercent ?? '0'),
        discountPercent: percent2(input.discountPercent),
        ...priceLine(input),
      };
    });
    return { currency, items, ...sumLines(items) };
  }

  /**
   * Stamps `first_used_at` on products going on an order or invoice line (only the first time), inside
   * the caller's transaction. Every id must be a live product of the company: 400 naming
   * `productIds[i]` otherwise. The products stay share-locked until the caller commits, so a
   * concurrent delete either waits and then answers `product_in_use`, or wins and this call fails.
   */
  @Transactional()
  async markProductsUsed(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    const live = await this.quotes.lockProductsInUse(productIds);
    const missing = productIds.flatMap((id, i) =>
      live.has(id)
        ? []
        : [
            {
              path: `productIds[${i}]`,
              code: CatalogErrorCode.ReferenceNotFound,
              message: 'The product does not exist',
            },
          ],
    );
    if (missing.length) throw invalidFields(missing);
    const unused = [...live].filter(([, used]) => !used).map(([id]) => id);
    if (unused.length) await this.quotes.markUsed(unused);
  }

  /**
   * The duration of a line: null for goods and services (none allowed), the live active duration for
   * subscriptions (required); undefined after reporting why the line cannot have one.
   */
  private durationOf(
    product: ProductToPrice,
    durationId: string | null,
    durations: Map<string, DurationToPrice>,
    fail: (field: string, code: CatalogErrorCode, message: string) => void,
  ): DurationToPrice | null | undefined {
    if (product.type !== 'subscription') {
      if (durationId === null) return null;
      fail('durationId', CatalogErrorCode.DurationNotApplicable, `A ${product.type} takes no duration`);
      return undefined;
    }
    if (durationId === null) {
      fail('durationId', CatalogErrorCode.DurationRequired, 'A subscription needs a duration');
      return undefined;
    }
    const duration = durations.get(durationId);
    if (!duration) {
      fail('durationId', CatalogErrorCode.ReferenceNotFound, 'The duration does not exist');
      return undefined;
    }
    if (!duration.active) {
      fail('durationId', CatalogErrorCode.DurationInactive, 'The duration is no longer offered');
      return undefined;
    }
    return duration;
  }
}

const percent2 = (value: string): string => new Decimal(value).toFixed(2);
