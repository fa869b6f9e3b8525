import { SettingDefinitionSet } from '@libs/core';
import { effectiveSetting } from './effective-setting';

const [terms, retention] = new SettingDefinitionSet([
  { key: 'billing.payment_terms_days', type: 'integer', default: 14, description: 'd' },
  {
    key: 'platform.log_retention_days',
    type: 'integer',
    default: 90,
    companyOverridable: false,
    description: 'd',
  },
]).entries;

const company = '01900000-0000-7000-8000-000000000001';

describe('effectiveSetting', () => {
  it('is the company value, else the installation value, else the default', () => {
    const both = [
      { companyId: null, key: terms.key, value: 30 },
      { companyId: company, key: terms.key, value: 7 },
    ];
    expect(effectiveSetting(terms, both)).toEqual({ value: 7, source: 'company' });
    expect(effectiveSetting(terms, both.slice(0, 1))).toEqual({ value: 30, source: 'installation' });
    expect(effectiveSetting(terms, [])).toEqual({ value: 14, source: 'default' });
  });

  it('ignores rows of other keys and company rows of an installation-only setting', () => {
    const rows = [
      { companyId: company, key: retention.key, value: 10 },
      { companyId: null, key: terms.key, value: 30 },
    ];
    expect(effectiveSetting(retention, rows)).toEqual({ value: 90, source: 'default' });
  });

  it('keeps a stored null (a nullable setting set to "none")', () => {
    expect(effectiveSetting(terms, [{ companyId: company, key: terms.key, value: null }])).toEqual({
      value: null,
      source: 'company',
    });
  });
});
