import type { FieldError } from '@libs/core';
import { CatalogErrorCode } from '../catalog.errors';
import { UNIT_PRICE_PATTERN } from '../decimal-strings';

export const MAX_BANDS = 20;

/** A band as a client sends it (`maxQty` absent or null = open); types are checked by the DTO. */
export interface BandInput {
  minQty: number;
  maxQty?: number | null;
  unitPrice: unknown;
}

/**
 * The rules of a price ladder (SPEC §6): 1..20 bands; band 0 starts at 1; each band starts right
 * after the previous one ends; max ≥ min; only the last band is open; unit prices are decimal
 * strings ≥ 0 with ≤ 4 dp. Returns one error per fault, named `tiers[i].<field>`; none = valid.
 */
export function validateLadder(tiers: readonly BandInput[]): FieldError[] {
  if (tiers.length < 1 || tiers.length > MAX_BANDS) {
    return [
      {
        path: 'tiers',
        code: CatalogErrorCode.ValidationFailed,
        message: `must hold 1 to ${MAX_BANDS} bands`,
      },
    ];
  }
  const errors: FieldError[] = [];
  const fail = (i: number, field: string, code: CatalogErrorCode, message: string) =>
    errors.push({ path: `tiers[${i}].${field}`, code, message });
  tiers.forEach((band, i) => {
    const maxQty = band.maxQty ?? null;
    if (i === 0 && band.minQty !== 1) {
      fail(i, 'minQty', CatalogErrorCode.TierNotFromOne, 'the first band must start at 1');
    }
    if (i > 0) {
      const previousMax = tiers[i - 1].maxQty ?? null;
      if (previousMax === null) {
        fail(i - 1, 'maxQty', CatalogErrorCode.OpenBandNotLast, 'only the last band may be open');
      } else if (band.minQty > previousMax + 1) {
        fail(
          i,
          'minQty',
          CatalogErrorCode.TierGap,
          `must be ${previousMax + 1} (no gap after the previous band)`,
        );
      } else if (band.minQty <= previousMax) {
        fail(i, 'minQty', CatalogErrorCode.TierOverlap, `must be ${previousMax + 1} (bands may not overlap)`);
      }
    }
    // An inverted band covers no quantity and would overlap the next one: reported as an overlap.
    if (maxQty !== null && maxQty < band.minQty) {
      fail(i, 'maxQty', CatalogErrorCode.TierOverlap, 'must be greater than or equal to minQty');
    }
    if (typeof band.unitPrice !== 'string' || !UNIT_PRICE_PATTERN.test(band.unitPrice)) {
      fail(
        i,
        'unitPrice',
        CatalogErrorCode.InvalidPrice,
        'must be a decimal string ≥ 0 with at most 4 decimals',
      );
    }
  });
  return errors;
}
