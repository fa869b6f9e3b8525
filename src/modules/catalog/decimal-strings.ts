import { Decimal } from 'decimal.js';
import { ValidateBy } from 'class-validator';

/** A unit price on the wire: a decimal string ≥ 0 that fits numeric(19,4). */
export const UNIT_PRICE_PATTERN = /^\d{1,15}(\.\d{1,4})?$/;

/** A percentage on the wire: a decimal string 0..100 with at most `scale` decimals. */
export function isPercentString(value: unknown, scale: number): value is string {
  return (
    typeof value === 'string' &&
    new RegExp(`^\\d{1,3}(\\.\\d{1,${scale}})?$`).test(value) &&
    new Decimal(value).lte(100)
  );
}

/** DTO form of isPercentString; fails with the code `invalid_percent`. */
export function IsPercentString(scale: number): PropertyDecorator {
  return ValidateBy({
    name: 'invalidPercent',
    validator: {
      validate: (value) => isPercentString(value, scale),
      defaultMessage: () => `must be a decimal string from "0" to "100" with at most ${scale} decimals`,
    },
  });
}
