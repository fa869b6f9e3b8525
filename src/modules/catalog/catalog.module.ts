import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies';
import { CATALOG_EVENT_TYPES } from './catalog.events';
import { CATALOG_PERMISSIONS } from './catalog.permissions';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesRepository } from './categories/categories.repository';
import { CategoriesService } from './categories/categories.service';
import { DurationsController } from './durations/durations.controller';
import { DurationsRepository } from './durations/durations.repository';
import { DurationsService } from './durations/durations.service';
import { PricesController } from './prices/prices.controller';
import { PricesRepository } from './prices/prices.repository';
import { PricesService } from './prices/prices.service';
import { CatalogPricing } from './pricing/catalog-pricing';
import { PricingController } from './pricing/pricing.controller';
import { QuoteRepository } from './pricing/quote.repository';
import { ProductsController } from './products/products.controller';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { TaxRatesController } from './tax-rates/tax-rates.controller';
import { TaxRatesRepository } from './tax-rates/tax-rates.repository';
import { TaxRatesService } from './tax-rates/tax-rates.service';

/**
 * Catalog & pricing (SPEC §6, schema `catalog`): the category tree, products with their price ladders
 * per currency, subscription durations, tax rates and the pricing engine. Other modules use only
 * CatalogPricing (exported): quotes for their lines and the first-use stamp of products.
 */
@Module({
  imports: [CompaniesModule],
  controllers: [
    CategoriesController,
    ProductsController,
    PricesController,
    DurationsController,
    TaxRatesController,
    PricingController,
  ],
  providers: [
    { provide: 'CATALOG_PERMISSIONS', useValue: CATALOG_PERMISSIONS },
    { provide: 'CATALOG_EVENT_TYPES', useValue: CATALOG_EVENT_TYPES },
    CategoriesRepository,
    ProductsRepository,
    PricesRepository,
    DurationsRepository,
    TaxRatesRepository,
    QuoteRepository,
    CategoriesService,
    ProductsService,
    PricesService,
    DurationsService,
    TaxRatesService,
    CatalogPricing,
  ],
  exports: [CatalogPricing],
})
export class CatalogModule {}
