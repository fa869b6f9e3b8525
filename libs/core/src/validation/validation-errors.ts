import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { FieldError } from '../errors/problem-details';

/** class-validator constraint names that read better under another code. */
const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'unknown_field',
  isDefined: 'required',
  isNotEmpty: 'required',
};

const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's tree into one entry per failing field and rule: `items[2].quantity`. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      code: CODE_BY_CONSTRAINT[constraint] ?? snakeCase(constraint),
      message: constraint === 'whitelistValidation' ? 'is not a known field' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
