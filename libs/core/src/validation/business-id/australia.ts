import type { BusinessIdRule } from './business-id.registry';

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
const ACN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1];

/** Digits of `value` with spaces removed, or null when anything else but digits remains or the length is wrong. */
function digitsOf(value: string, length: number): number[] | null {
  const compact = value.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${length}}$`).test(compact)) return null;
  return [...compact].map(Number);
}

/** Australian Business Number: 11 digits; subtract 1 from the first, weight, sum mod 89 = 0. */
export function isValidAbn(value: string): boolean {
  const digits = digitsOf(value, 11);
  if (!digits) return false;
  digits[0] -= 1;
  const sum = digits.reduce((acc, digit, i) => acc + digit * ABN_WEIGHTS[i], 0);
  return sum % 89 === 0;
}

/** Australian Company Number: 9 digits; weights 8..1 on digits 1-8; (10 - sum mod 10) mod 10 = digit 9. */
export function isValidAcn(value: string): boolean {
  const digits = digitsOf(value, 9);
  if (!digits) return false;
  const sum = digits.slice(0, 8).reduce((acc, digit, i) => acc + digit * ACN_WEIGHTS[i], 0);
  return (10 - (sum % 10)) % 10 === digits[8];
}

export const AU_ABN: BusinessIdRule = {
  country: 'AU',
  kind: 'abn',
  label: 'Australian Business Number (ABN)',
  normalize: (value) => (isValidAbn(value) ? value.replace(/\s+/g, '') : null),
};

export const AU_ACN: BusinessIdRule = {
  country: 'AU',
  kind: 'acn',
  label: 'Australian Company Number (ACN)',
  normalize: (value) => (isValidAcn(value) ? value.replace(/\s+/g, '') : null),
};
