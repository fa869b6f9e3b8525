import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Parses a phone number to E.164 (`+61291234567`), or null when it is not a valid number. A number
 * written in national format (`(02) 9123 4567`) needs `defaultCountry` (ISO 3166-1 alpha-2), e.g.
 * the company's country; one starting with `+` is read as international whatever the default.
 */
export function toE164(value: string, defaultCountry?: string | null): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const region = defaultCountry ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(value.trim(), region);
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** True when `value` is already a valid number written in E.164. */
export function isE164Phone(value: unknown): boolean {
  return typeof value === 'string' && /^\+[1-9]\d{1,14}$/.test(value) && toE164(value) === value;
}

export interface IsE164PhoneOptions {
  /**
   * Also accept national formats that are valid in this country (a fixed code, or read from another
   * property of the object, e.g. `(o) => o.countryCode`); the service then stores `toE164(...)`.
   * Without it only E.164 itself (`+<country><number>`, no spaces) passes.
   */
  defaultCountry?: string | ((object: Record<string, unknown>) => string | null | undefined);
}

/**
 * class-validator decorator: the property is a valid phone number (libphonenumber-js metadata), in
 * E.164 unless `defaultCountry` allows a national format. Error code on failure: `isE164Phone`.
 */
export function IsE164Phone(
  options: IsE164PhoneOptions = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isE164Phone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }: ValidationArguments) =>
          `${property} must be a valid phone number in E.164 format (e.g. +61291234567)`,
        ...validationOptions,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if (typeof value !== 'string') return false;
          if (value.startsWith('+') && isE164Phone(value)) return true;
          const country =
            typeof options.defaultCountry === 'function'
              ? options.defaultCountry(args.object as Record<string, unknown>)
              : options.defaultCountry;
          return country ? toE164(value, country) !== null : false;
        },
      },
    });
  };
}
