import { Decimal } from 'decimal.js';

/**
 * The pricing engine of SPEC §6, steps 1–6: pure functions (no Nest, no database), so the quote
 * endpoint, order lines and the tests all price with exactly the same arithmetic. Money is decimal
 * strings in and out, decimal.js in between, rounded half-up: 2 dp per line amount, 4 dp for the
 * informational effective unit price. Document totals are sums of the rounded lines.
 */

/** Enough significant digits for numeric(19,4) prices × 1,000,000 units × 120 months, exactly. */
const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
type Money = Decimal;

export const TIER_MODES = ['graduated', 'volume'] as const;
/** `graduated`: each unit priced in its own band; `volume`: every unit at the band holding the quantity. */
export type TierMode = (typeof TIER_MODES)[number];

/** One band of a ladder: `maxQty` null = open band (∞). */
export interface PriceBand {
  minQty: number;
  maxQty: number | null;
  /** Decimal string, ≥ 0, ≤ 4 dp. */
  unitPrice: string;
}

export interface LineInput {
  /** Integer ≥ 1, inside the ladder (see ladderCovers). */
  quantity: number;
  tierMode: TierMode;
  /** A valid ladder (see validateLadder): ascending, contiguous, starting at 1. */
  tiers: readonly PriceBand[];
  /** The subscription's duration; null for goods and services (1 month, no duration discount). */
  duration: { months: number; discountPercent: string } | null;
  /** Manual discount, 0..100. */
  discountPercent: string;
  /** The rate that applies (0 when none or the company is not tax-registered). */
  tax: { ratePercent: string; inclusive: boolean };
}

/** The units of one band that a line uses. */
export interface PricedBand {
  minQty: number;
  maxQty: number | null;
  unitPrice: string;
  quantity: number;
  /** unitPrice × quantity, rounded to 2 dp (informational: gross uses the exact tier amount). */
  amount: string;
}

export interface PricedLine {
  bands: PricedBand[];
  months: number;
  /** round2(tier amount × months). */
  gross: string;
  /** round2(gross × combined discount). */
  discount: string;
  /** gross − discount. */
  subtotal: string;
  /** The tax rate applied, 3 dp. */
  taxRate: string;
  taxInclusive: boolean;
  tax: string;
  /** subtotal + tax (exclusive) or subtotal (inclusive). */
  total: string;
  /** round4(tier amount / quantity), informational. */
  unitPriceEffective: string;
}

export interface DocumentTotals {
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
}

const round2 = (value: Money): Money => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const money2 = (value: Money): string => round2(value).toFixed(2);
const percent = (value: string): Money => new Money(value).div(100);

/** The band that contains `quantity`, if any. */
function bandOf(tiers: readonly PriceBand[], quantity: number): PriceBand | undefined {
  return tiers.find((t) => t.minQty <= quantity && (t.maxQty === null || quantity <= t.maxQty));
}

/** Whether the ladder prices `quantity` (a closed last band caps the orderable quantity). */
export function ladderCovers(tiers: readonly PriceBand[], quantity: number): boolean {
  return bandOf(tiers, quantity) !== undefined;
}

/** Step 1, as the bands used: graduated spreads the units over the bands, volume uses one band. */
function bandsOf(tierMode: TierMode, tiers: readonly PriceBand[], quantity: number): PricedBand[] {
  const used = (band: PriceBand, units: number): PricedBand => ({
    minQty: band.minQty,
    maxQty: band.maxQty,
    unitPrice: new Money(band.unitPrice).toFixed(4),
    quantity: units,
    amount: money2(new Money(band.unitPrice).times(units)),
  });
  if (tierMode === 'volume') {
    const band = bandOf(tiers, quantity);
    if (!band) throw new RangeError(`The ladder does not price a quantity of ${quantity}`);
    return [used(band, quantity)];
  }
  if (!ladderCovers(tiers, quantity))
    throw new RangeError(`The ladder does not price a quantity of ${quantity}`);
  return tiers
    .map((band) => {
      const upTo = band.maxQty === null ? quantity : Math.min(quantity, band.maxQty);
      return { band, units: Math.max(0, upTo - band.minQty + 1) };
    })
    .filter(({ units }) => units > 0)
    .map(({ band, units }) => used(band, units));
}

/** Prices one line (SPEC §6 steps 1–6). */
export function priceLine(input: LineInput): PricedLine {
  const { quantity } = input;
  const bands = bandsOf(input.tierMode, input.tiers, quantity);
  // 1. The exact tier amount (unit prices have ≤ 4 dp; nothing is rounded before step 3).
  const tierAmount = bands.reduce(
    (sum, band) => sum.plus(new Money(band.unitPrice).times(band.quantity)),
    new Money(0),
  );
  // 2.–3.
  const months = input.duration?.months ?? 1;
  const gross = round2(tierAmount.times(months));
  // 4. Duration and manual discounts compound: d = 1 − (1 − dd)(1 − md).
  const kept = new Money(1)
    .minus(percent(input.duration?.discountPercent ?? '0'))
    .times(new Money(1).minus(percent(input.discountPercent)));
  const discount = round2(gross.times(new Money(1).minus(kept)));
  const subtotal = gross.minus(discount);
  // 5.
  const rate = new Money(input.tax.ratePercent);
  const tax = input.tax.inclusive
    ? round2(subtotal.times(rate).div(rate.plus(100)))
    : round2(subtotal.times(rate).div(100));
  const total = input.tax.inclusive ? subtotal : subtotal.plus(tax);
  // 6.
  const unitPriceEffective = tierAmount.div(quantity).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return {
    bands,
    months,
    gross: gross.toFixed(2),
    discount: discount.toFixed(2),
    subtotal: subtotal.toFixed(2),
    taxRate: rate.toFixed(3),
    taxInclusive: input.tax.inclusive,
    tax: tax.toFixed(2),
    total: total.toFixed(2),
    unitPriceEffective: unitPriceEffective.toFixed(4),
  };
}

/** Document subtotal, discount, tax and total: sums of the (already rounded) lines. */
export function sumLines(lines: readonly DocumentTotals[]): DocumentTotals {
  const sum = (field: keyof DocumentTotals) =>
    lines.reduce((acc, line) => acc.plus(line[field]), new Money(0)).toFixed(2);
  return { subtotal: sum('subtotal'), discount: sum('discount'), tax: sum('tax'), total: sum('total') };
}
