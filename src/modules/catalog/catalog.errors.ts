import { AppError, type FieldError } from '@libs/core';

export enum CatalogErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  ReferenceNotFound = 'reference_not_found',
  InvalidTransition = 'invalid_transition',
  InvalidId = 'invalid_id',
  InvalidQuantity = 'invalid_quantity',
  InvalidPercent = 'invalid_percent',
  InvalidCurrency = 'invalid_currency',
  TierNotFromOne = 'tier_not_from_one',
  TierGap = 'tier_gap',
  TierOverlap = 'tier_overlap',
  OpenBandNotLast = 'open_band_not_last',
  InvalidPrice = 'invalid_price',
  NoPriceInCurrency = 'no_price_in_currency',
  QuantityNotPriced = 'quantity_not_priced',
  ProductArchived = 'product_archived',
  ProductInUse = 'product_in_use',
  DurationRequired = 'duration_required',
  DurationNotApplicable = 'duration_not_applicable',
  DurationInactive = 'duration_inactive',
  CategoryInUse = 'category_in_use',
  CategoryCycle = 'category_cycle',
  CategoryTooDeep = 'category_too_deep',
  TaxRateInUse = 'tax_rate_in_use',
}

/** Every error the catalog raises; CatalogPricing's callers (orders) catch it to re-map `errors[].path`. */
export class CatalogError extends AppError {}

export const notFound = (resource: string): CatalogError =>
  new CatalogError(404, CatalogErrorCode.NotFound, `${resource} not found`);

/**
 * 400 naming every failing field (`tiers[2].minQty`, `items[0].productId`). The problem's `code` is
 * the fields' code when they all share one (a client can branch on `reference_not_found`), else
 * `validation_failed`.
 */
export const invalidFields = (errors: FieldError[]): CatalogError => {
  const codes = new Set(errors.map((e) => e.code));
  const code = codes.size === 1 ? errors[0].code : CatalogErrorCode.ValidationFailed;
  return new CatalogError(400, code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

export const invalidField = (path: string, code: CatalogErrorCode, message: string): CatalogError =>
  invalidFields([{ path, code, message }]);

/** 400 for a body reference (`categoryId`, `taxRateId`...) that does not resolve in the company. */
export const referenceNotFound = (path: string, what: string): CatalogError =>
  invalidField(path, CatalogErrorCode.ReferenceNotFound, `${what} does not exist`);

/** 409 for a state change the current state does not allow (SPEC §1). */
export const invalidTransition = (currentState: string, allowed: string[]): CatalogError =>
  new CatalogError(
    409,
    CatalogErrorCode.InvalidTransition,
    `Not allowed while the product is ${currentState}`,
    {
      extensions: { currentState, allowed },
    },
  );

export const inUse = (code: CatalogErrorCode, detail: string): CatalogError =>
  new CatalogError(409, code, detail);
