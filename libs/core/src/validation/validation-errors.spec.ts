import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

class Address {
  @IsString()
  @IsNotEmpty()
  city: string;
}

class OrderLine {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class CreateOrder {
  @IsEmail()
  email: string;

  @IsNotEmpty()
  name: string;

  @IsOptional()
  @MaxLength(5)
  note?: string;

  @ValidateNested()
  @Type(() => Address)
  address: Address;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => OrderLine)
  items: OrderLine[];
}

const valid = {
  email: 'ann@example.com',
  name: 'Ann',
  address: { city: 'Berlin' },
  items: [{ sku: 'A', quantity: 1 }],
};

/** Validates a plain body the way the global ValidationPipe does. */
function validate<T extends object>(cls: new () => T, body: object): ValidationError[] {
  return validateSync(plainToInstance(cls, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
}

describe('flattenValidationErrors', () => {
  it('returns nothing for a valid body', () => {
    expect(flattenValidationErrors(validate(CreateOrder, valid))).toEqual([]);
  });

  it('snake_cases the constraint name into the code and keeps the message', () => {
    expect(flattenValidationErrors(validate(CreateOrder, { ...valid, email: 'nope' }))).toEqual([
      { path: 'email', code: 'is_email', message: 'email must be an email' },
    ]);
  });

  it('snake_cases multi-word constraints', () => {
    expect(flattenValidationErrors(validate(CreateOrder, { ...valid, note: 'too long' }))).toEqual([
      { path: 'note', code: 'max_length', message: 'note must be shorter than or equal to 5 characters' },
    ]);
  });

  it('codes an array-level rule on the array path', () => {
    expect(flattenValidationErrors(validate(CreateOrder, { ...valid, items: [] }))).toEqual([
      { path: 'items', code: 'array_min_size', message: 'items must contain at least 1 elements' },
    ]);
  });

  it.each([
    ['isUUID', 'is_uuid'],
    ['isISO8601', 'is_iso8601'],
    ['arrayMinSize', 'array_min_size'],
    ['min', 'min'],
    ['customRule', 'custom_rule'],
  ])('codes the constraint %s as %s', (constraint, code) => {
    const error: ValidationError = {
      property: 'field',
      constraints: { [constraint]: 'is wrong' },
      children: [],
    };

    expect(flattenValidationErrors([error])).toEqual([{ path: 'field', code, message: 'is wrong' }]);
  });

  it('codes isNotEmpty as required', () => {
    expect(flattenValidationErrors(validate(CreateOrder, { ...valid, name: '' }))).toEqual([
      { path: 'name', code: 'required', message: 'name should not be empty' },
    ]);
  });

  it('names a nested object field with a dotted path', () => {
    expect(flattenValidationErrors(validate(CreateOrder, { ...valid, address: { city: '' } }))).toEqual([
      { path: 'address.city', code: 'required', message: 'city should not be empty' },
    ]);
  });

  it('names a field of an array element with its index', () => {
    const body = {
      ...valid,
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 0 },
      ],
    };

    expect(flattenValidationErrors(validate(CreateOrder, body))).toEqual([
      { path: 'items[1].quantity', code: 'min', message: 'quantity must not be less than 1' },
    ]);
  });

  it('lists one entry per failing rule and per failing element', () => {
    const body = {
      ...valid,
      items: [
        { sku: 7, quantity: 1.5 },
        { sku: 'B', quantity: 2 },
        { sku: 'C', quantity: -1 },
      ],
    };

    const errors = flattenValidationErrors(validate(CreateOrder, body));

    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['items[0].sku', 'is_string'],
      ['items[0].quantity', 'is_int'],
      ['items[2].quantity', 'min'],
    ]);
  });

  it('reports an unknown property as unknown_field, at any depth', () => {
    const body = { ...valid, admin: true, items: [{ sku: 'A', quantity: 1, price: 0 }] };

    expect(flattenValidationErrors(validate(CreateOrder, body))).toEqual([
      { path: 'admin', code: 'unknown_field', message: 'is not a known field' },
      { path: 'items[0].price', code: 'unknown_field', message: 'is not a known field' },
    ]);
  });

  it('reports errors on several fields', () => {
    const errors = flattenValidationErrors(validate(CreateOrder, { ...valid, email: 'x', name: '' }));

    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'email', code: 'is_email', message: 'email must be an email' },
        { path: 'name', code: 'required', message: 'name should not be empty' },
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('prefixes paths with the parent it is given', () => {
    class Qty {
      @Max(10)
      quantity: number;
    }

    expect(flattenValidationErrors(validate(Qty, { quantity: 11 }), 'lines[3]')).toEqual([
      { path: 'lines[3].quantity', code: 'max', message: 'quantity must not be greater than 10' },
    ]);
  });

  it('maps isDefined to required', () => {
    const error: ValidationError = {
      property: 'name',
      constraints: { isDefined: 'name should not be null or undefined' },
      children: [],
    };

    expect(flattenValidationErrors([error])).toEqual([
      { path: 'name', code: 'required', message: 'name should not be null or undefined' },
    ]);
  });
});
