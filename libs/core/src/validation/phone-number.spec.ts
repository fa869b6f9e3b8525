import { validateSync } from 'class-validator';
import { IsE164Phone, isE164Phone, toE164 } from './phone-number';

class StrictDto {
  @IsE164Phone()
  phone: unknown;
}

class NationalDto {
  @IsE164Phone({ defaultCountry: (o) => o.countryCode as string | undefined })
  phone: unknown;
  countryCode?: string;
}

const errorsOf = (dto: object) =>
  validateSync(dto)
    .map((e) => Object.keys(e.constraints ?? {}))
    .flat();

describe('toE164', () => {
  it('normalises national and international formats', () => {
    expect(toE164('(02) 9123 4567', 'AU')).toBe('+61291234567');
    expect(toE164('+61 2 9123 4567')).toBe('+61291234567');
    expect(toE164('+1 (415) 555-2671', 'AU')).toBe('+14155552671');
  });

  it('is null for invalid numbers or a national number without a region', () => {
    expect(toE164('02 9123 4567')).toBeNull();
    expect(toE164('+61 2 9123')).toBeNull();
    expect(toE164('not a phone', 'AU')).toBeNull();
  });

  it('recognises E.164 exactly', () => {
    expect(isE164Phone('+61291234567')).toBe(true);
    expect(isE164Phone('+61 2 9123 4567')).toBe(false);
    expect(isE164Phone('0291234567')).toBe(false);
  });
});

describe('@IsE164Phone', () => {
  it('accepts E.164 and rejects anything else by default', () => {
    expect(errorsOf(Object.assign(new StrictDto(), { phone: '+61291234567' }))).toEqual([]);
    expect(errorsOf(Object.assign(new StrictDto(), { phone: '(02) 9123 4567' }))).toEqual(['isE164Phone']);
    expect(errorsOf(Object.assign(new StrictDto(), { phone: 61291234567 }))).toEqual(['isE164Phone']);
    expect(errorsOf(Object.assign(new StrictDto(), { phone: '+6129' }))).toEqual(['isE164Phone']);
  });

  it('accepts a national format valid in the default country', () => {
    expect(
      errorsOf(Object.assign(new NationalDto(), { phone: '(02) 9123 4567', countryCode: 'AU' })),
    ).toEqual([]);
    expect(errorsOf(Object.assign(new NationalDto(), { phone: '(02) 9123 4567' }))).toEqual(['isE164Phone']);
  });
});
