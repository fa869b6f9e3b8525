import { ValidateBy } from 'class-validator';

/** External references: `{"erp": "SO-881"}`, at most 20 keys, values strings of 1..255 characters. */
const KEY = /^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/;
const MAX_KEYS = 20;
const MAX_VALUE_LENGTH = 255;

function isRefsObject(value: unknown, nullsAllowed: boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_KEYS &&
    entries.every(
      ([key, ref]) =>
        KEY.test(key) &&
        ((nullsAllowed && ref === null) ||
          (typeof ref === 'string' && ref.length >= 1 && ref.length <= MAX_VALUE_LENGTH)),
    )
  );
}

const MESSAGE = `must be an object of at most ${MAX_KEYS} references: keys like "erp" (letters, digits, _ . -), values strings of 1..${MAX_VALUE_LENGTH} characters`;

/** `externalRefs` of a new order. */
export function IsExternalRefs(): PropertyDecorator {
  return ValidateBy({
    name: 'invalidExternalRefs',
    validator: { validate: (value) => isRefsObject(value, false), defaultMessage: () => MESSAGE },
  });
}

/** `externalRefs` of a merge-patch: a null value removes that reference. */
export function IsExternalRefsPatch(): PropertyDecorator {
  return ValidateBy({
    name: 'invalidExternalRefs',
    validator: {
      validate: (value) => isRefsObject(value, true),
      defaultMessage: () => `${MESSAGE} (null removes one)`,
    },
  });
}

/** RFC 7396 merge of flat references: null removes a key, a string sets it. */
export function mergeExternalRefs(
  current: Record<string, string>,
  patch: Record<string, string | null>,
): Record<string, string> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
