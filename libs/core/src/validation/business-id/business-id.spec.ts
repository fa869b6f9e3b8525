import { BusinessIdRegistry, businessIds, isValidAbn, isValidAcn } from './index';

describe('Australian ABN', () => {
  it.each(['51 824 753 556', '51824753556', '53 004 085 616', '33 102 417 032'])('accepts %s', (abn) => {
    expect(isValidAbn(abn)).toBe(true);
  });

  it.each([
    ['a wrong check', '51 824 753 557'],
    ['swapped digits', '15 824 753 556'],
    ['10 digits', '5182475355'],
    ['12 digits', '518247535560'],
    ['letters', '51 824 753 55A'],
    ['dashes', '51-824-753-556'],
    ['empty', ''],
  ])('rejects %s', (_label, abn) => {
    expect(isValidAbn(abn)).toBe(false);
  });
});

describe('Australian ACN', () => {
  it.each(['000 000 019', '004 085 616', '010 499 966', '000000019'])('accepts %s', (acn) => {
    expect(isValidAcn(acn)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '004 085 617'],
    ['8 digits', '00408561'],
    ['10 digits', '0040856160'],
    ['letters', '00408561X'],
  ])('rejects %s', (_label, acn) => {
    expect(isValidAcn(acn)).toBe(false);
  });
});

describe('BusinessIdRegistry', () => {
  it('checks AU identifiers with their rule and normalises them to digits', () => {
    expect(businessIds.check('AU', 'abn', '51 824 753 556')).toMatchObject({
      valid: true,
      normalized: '51824753556',
    });
    expect(businessIds.check('au', 'ACN', '000 000 019')).toMatchObject({
      valid: true,
      normalized: '000000019',
    });
    expect(businessIds.check('AU', 'abn', '51 824 753 557')).toMatchObject({ valid: false });
  });

  it('falls back to free text for pairs without a rule', () => {
    expect(businessIds.check('DE', 'vat', 'DE123456789')).toMatchObject({ valid: true, rule: null });
    expect(businessIds.check(null, 'other', 'X-1.2 3')).toMatchObject({ valid: true });
    expect(businessIds.check('DE', 'vat', 'de123')).toMatchObject({ valid: false });
    expect(businessIds.check('US', 'ein', 'A'.repeat(33))).toMatchObject({ valid: false });
  });

  it('takes new rules without touching the existing ones', () => {
    const registry = new BusinessIdRegistry().register({
      country: 'NZ',
      kind: 'other',
      label: 'test',
      normalize: (v) => (v === 'OK' ? v : null),
    });
    expect(registry.check('NZ', 'other', 'OK').valid).toBe(true);
    expect(registry.check('NZ', 'other', 'NO').valid).toBe(false);
    expect(registry.check('AU', 'abn', '51 824 753 556').rule).toBeNull();
  });
});
