import { PermissionSet } from '@libs/core';

/** The permission keys of the catalog module (SPEC §6's endpoint table). */
export const CatalogPermission = {
  CategoryRead: 'catalog.category.read',
  CategoryWrite: 'catalog.category.write',
  ProductRead: 'catalog.product.read',
  ProductWrite: 'catalog.product.write',
  PriceWrite: 'catalog.price.write',
  DurationRead: 'catalog.duration.read',
  DurationWrite: 'catalog.duration.write',
  TaxRateRead: 'catalog.tax-rate.read',
  TaxRateWrite: 'catalog.tax-rate.write',
  PricingQuote: 'catalog.pricing.quote',
} as const;

export const CATALOG_PERMISSIONS = new PermissionSet('catalog', [
  { key: CatalogPermission.CategoryRead, description: 'List product categories' },
  { key: CatalogPermission.CategoryWrite, description: 'Create, change, move and delete product categories' },
  { key: CatalogPermission.ProductRead, description: 'Read products and their price ladders' },
  {
    key: CatalogPermission.ProductWrite,
    description: 'Create, change, archive, delete and restore products',
  },
  { key: CatalogPermission.PriceWrite, description: "Replace and remove a product's price ladders" },
  { key: CatalogPermission.DurationRead, description: 'List subscription durations' },
  { key: CatalogPermission.DurationWrite, description: 'Create, change and delete subscription durations' },
  { key: CatalogPermission.TaxRateRead, description: 'List tax rates' },
  { key: CatalogPermission.TaxRateWrite, description: 'Create, change and delete tax rates' },
  { key: CatalogPermission.PricingQuote, description: 'Price a list of products without saving anything' },
]);
