import { isUUID } from 'class-validator';
import type { FieldError } from '@libs/core';
import { CatalogErrorCode } from '../catalog.errors';
import { isPercentString } from '../decimal-strings';

/** SPEC §6: a line's quantity is an integer 1..1,000,000. */
export const MAX_QUANTITY = 1_000_000;

/** One line to price. */
export interface QuoteItemRequest {
  productId: string;
  /** Integer 1..1,000,000. */
  quantity: number;
  /** Required for subscriptions, refused for goods and services. */
  durationId?: string | null;
  /** Manual discount: decimal string 0..100, ≤ 2 dp (default "0"). */
  discountPercent?: string | null;
}

export interface QuoteRequest {
  /** ISO 4217; default: the company's default currency. */
  currency?: string | null;
  items: readonly QuoteItemRequest[];
}

/**
 * The shape rules of a quote request, checked before anything is read (so programmatic callers such
 * as orders get the same answers as the HTTP endpoint): one error per faulty field, `items[i].<field>`.
 */
export function validateQuoteRequest(request: QuoteRequest): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, code: CatalogErrorCode, message: string) =>
    errors.push({ path, code, message });
  const { currency } = request;
  if (
    currency !== undefined &&
    currency !== null &&
    !(typeof currency === 'string' && /^[A-Z]{3}$/.test(currency))
  ) {
    fail('currency', CatalogErrorCode.InvalidCurrency, 'must be an ISO 4217 code');
  }
  const items: readonly QuoteItemRequest[] = request.items;
  // Programmatic callers are typed, but the check costs nothing and keeps a bad call from reaching SQL.
  if (!Array.isArray(request.items) || items.length === 0) {
    fail('items', CatalogErrorCode.ValidationFailed, 'must hold at least one item');
    return errors;
  }
  items.forEach((item, i) => {
    if (!isUUID(item.productId)) fail(`items[${i}].productId`, CatalogErrorCode.InvalidId, 'must be a UUID');
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      fail(
        `items[${i}].quantity`,
        CatalogErrorCode.InvalidQuantity,
        `must be an integer from 1 to ${MAX_QUANTITY}`,
      );
    }
    if (item.durationId !== undefined && item.durationId !== null && !isUUID(item.durationId)) {
      fail(`items[${i}].durationId`, CatalogErrorCode.InvalidId, 'must be a UUID');
    }
    if (
      item.discountPercent !== undefined &&
      item.discountPercent !== null &&
      !isPercentString(item.discountPercent, 2)
    ) {
      fail(
        `items[${i}].discountPercent`,
        CatalogErrorCode.InvalidPercent,
        'must be a decimal string from "0" to "100" with at most 2 decimals',
      );
    }
  });
  return errors;
}
