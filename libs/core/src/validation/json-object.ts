import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** SPEC §1: `attributes` is an object of at most 16 KB whose keys match this pattern. */
export const ATTRIBUTE_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
export const JSON_OBJECT_MAX_BYTES = 16 * 1024;

export interface JsonObjectRules {
  /** Check every top-level key against ATTRIBUTE_KEY_PATTERN (attributes; identity metadata is free-form). */
  attributeKeys: boolean;
}

/** Why `value` is not an acceptable JSON object (null when it is): for messages naming the field. */
export function jsonObjectProblem(value: unknown, rules: JsonObjectRules): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
  if (rules.attributeKeys) {
    const bad = Object.keys(value).find((key) => !ATTRIBUTE_KEY_PATTERN.test(key));
    if (bad !== undefined) {
      return `key "${bad.slice(0, 70)}" must start with a letter and contain only letters, digits and _ (at most 64)`;
    }
  }
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > JSON_OBJECT_MAX_BYTES) {
    return `must be at most ${JSON_OBJECT_MAX_BYTES} bytes as JSON`;
  }
  return null;
}

/**
 * class-validator decorator for an open-ended JSON object (`attributes`, `metadata`); the error code
 * is `invalid_attributes` and the message says what is wrong.
 */
export function IsJsonObject(rules: JsonObjectRules, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'invalidAttributes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }: ValidationArguments) =>
          `${property} ${jsonObjectProblem(value, rules) ?? 'is invalid'}`,
        ...options,
      },
      validator: { validate: (value: unknown) => jsonObjectProblem(value, rules) === null },
    });
  };
}
