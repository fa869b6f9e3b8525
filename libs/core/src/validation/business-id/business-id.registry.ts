/**
 * A rule checking one kind of business identifier of one country (e.g. AU + `abn`). Rules are pure
 * functions; countries are added by registering more rules, nothing else changes.
 */
export interface BusinessIdRule {
  /** ISO 3166-1 alpha-2 country, upper case. */
  country: string;
  /** The identifier kind, e.g. `abn`, `acn`, `vat`, `ein`. */
  kind: string;
  /** Human name for messages, e.g. `Australian Business Number`. */
  label: string;
  /** Canonical form (e.g. digits only), or null when the value is not a valid identifier. */
  normalize(value: string): string | null;
}

export type BusinessIdCheck =
  | { valid: true; normalized: string; rule: BusinessIdRule | null }
  | { valid: false; reason: string; rule: BusinessIdRule | null };

/** Identifiers without a dedicated rule: free text of upper-case letters, digits, spaces, dots, dashes. */
export const FREE_TEXT_BUSINESS_ID = /^[A-Z0-9 .-]{1,32}$/;

/** The registry of business-id rules, keyed by (country, kind). */
export class BusinessIdRegistry {
  private readonly rules = new Map<string, BusinessIdRule>();

  constructor(rules: readonly BusinessIdRule[] = []) {
    for (const rule of rules) this.register(rule);
  }

  register(rule: BusinessIdRule): this {
    this.rules.set(key(rule.country, rule.kind), rule);
    return this;
  }

  ruleFor(country: string | null | undefined, kind: string): BusinessIdRule | null {
    if (!country) return null;
    return this.rules.get(key(country, kind)) ?? null;
  }

  /**
   * Checks `value` as a `kind` identifier of `country`: with the country's rule when one exists, else
   * as free text (`^[A-Z0-9 .-]{1,32}$`).
   */
  check(country: string | null | undefined, kind: string, value: string): BusinessIdCheck {
    const rule = this.ruleFor(country, kind);
    if (rule) {
      const normalized = rule.normalize(value);
      return normalized === null
        ? { valid: false, reason: `not a valid ${rule.label}`, rule }
        : { valid: true, normalized, rule };
    }
    return FREE_TEXT_BUSINESS_ID.test(value)
      ? { valid: true, normalized: value, rule: null }
      : { valid: false, reason: 'must be 1..32 characters of A-Z, 0-9, space, dot or dash', rule: null };
  }
}

function key(country: string, kind: string): string {
  return `${country.toUpperCase()}:${kind.toLowerCase()}`;
}
