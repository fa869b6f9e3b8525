import { validateSync } from 'class-validator';
import { IsExternalRefs, IsExternalRefsPatch, mergeExternalRefs } from './external-refs';

class Created {
  @IsExternalRefs()
  refs: unknown;
}

class Patched {
  @IsExternalRefsPatch()
  refs: unknown;
}

const valid = (Type: new () => { refs: unknown }, refs: unknown) =>
  validateSync(Object.assign(new Type(), { refs })).length === 0;

describe('external references', () => {
  it('accepts flat objects of short strings under simple keys', () => {
    expect(valid(Created, { erp: 'SO-881', 'shop.order_id': '42' })).toBe(true);
    expect(valid(Created, {})).toBe(true);
  });

  it.each([
    ['an array', ['SO-1']],
    ['a string', 'SO-1'],
    ['null', null],
    ['a number value', { erp: 5 }],
    ['an empty value', { erp: '' }],
    ['a long value', { erp: 'x'.repeat(256) }],
    ['a nested object', { erp: { id: '1' } }],
    ['a key starting with a digit', { '1erp': 'x' }],
    ['too many keys', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']))],
  ])('refuses %s', (_label, refs) => {
    expect(valid(Created, refs)).toBe(false);
  });

  it('takes null values only in a patch (they remove a reference)', () => {
    expect(valid(Created, { erp: null })).toBe(false);
    expect(valid(Patched, { erp: null, crm: 'C-1' })).toBe(true);
  });

  it('merges a patch: null removes, a string sets, the rest stays', () => {
    expect(mergeExternalRefs({ erp: 'A', crm: 'B' }, { crm: null, shop: 'C', nope: null })).toEqual({
      erp: 'A',
      shop: 'C',
    });
  });
});
