// The public API of the catalog module: other modules import only from here.
export { CatalogModule } from './catalog.module';
export { CatalogPricing, type Quote, type QuoteLine } from './pricing/catalog-pricing';
export type { QuoteItemRequest, QuoteRequest } from './pricing/quote-request';
export {
  type DocumentTotals,
  type PriceBand,
  type PricedBand,
  type PricedLine,
  TIER_MODES,
  type TierMode,
} from './pricing/pricing-engine';
export { CatalogError, CatalogErrorCode } from './catalog.errors';
export { PRODUCT_TYPES, type ProductType } from './products/entities/product.entity';
