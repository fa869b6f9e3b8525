import { type SettingDefinition, SettingDefinitionSet, settingValueProblem } from './setting-definition-set';

const integer: SettingDefinition = {
  key: 'billing.payment_terms_days',
  type: 'integer',
  min: 0,
  max: 365,
  default: 14,
  description: 'Days to pay',
};

describe('settingValueProblem', () => {
  it('checks integers: type, whole number, bounds', () => {
    expect(settingValueProblem(integer, 30)).toBeNull();
    expect(settingValueProblem(integer, '30')).toBe('must be a number');
    expect(settingValueProblem(integer, 1.5)).toBe('must be an integer');
    expect(settingValueProblem(integer, -1)).toBe('must be at least 0');
    expect(settingValueProblem(integer, 366)).toBe('must be at most 365');
    expect(settingValueProblem(integer, null)).toBe('must not be null');
    expect(settingValueProblem(integer, undefined)).toBe('is required');
  });

  it('checks numbers, booleans, enums, strings with patterns and JSON size', () => {
    const number: SettingDefinition = { ...integer, type: 'number', min: 0, max: 1 };
    expect(settingValueProblem(number, 0.25)).toBeNull();
    expect(settingValueProblem(number, Number.NaN)).toBe('must be a number');
    const flag: SettingDefinition = {
      key: 'features.beta',
      type: 'boolean',
      default: false,
      description: 'd',
    };
    expect(settingValueProblem(flag, true)).toBeNull();
    expect(settingValueProblem(flag, 'true')).toBe('must be true or false');
    const choice: SettingDefinition = {
      key: 'a.mode',
      type: 'enum',
      values: ['fast', 'safe'],
      default: 'safe',
      description: 'd',
    };
    expect(settingValueProblem(choice, 'fast')).toBeNull();
    expect(settingValueProblem(choice, 'slow')).toBe('must be one of fast, safe');
    const prefix: SettingDefinition = {
      key: 'billing.invoice_prefix',
      type: 'string',
      pattern: '^[A-Z]{2,6}$',
      default: 'INV',
      description: 'd',
    };
    expect(settingValueProblem(prefix, 'BILL')).toBeNull();
    expect(settingValueProblem(prefix, 'inv')).toBe('must match ^[A-Z]{2,6}$');
    expect(settingValueProblem(prefix, 7)).toBe('must be a string');
    expect(settingValueProblem({ ...prefix, pattern: undefined }, 'x'.repeat(1001))).toMatch(/at most 1000/);
    const json: SettingDefinition = { key: 'a.layout', type: 'json', default: {}, description: 'd' };
    expect(settingValueProblem(json, { columns: [1, 2] })).toBeNull();
    expect(settingValueProblem(json, { big: 'x'.repeat(17 * 1024) })).toMatch(/16384 bytes/);
  });

  it('accepts null only where the definition allows it', () => {
    const sla: SettingDefinition = {
      key: 'conversations.default_sla_policy_id',
      type: 'string',
      nullable: true,
      default: null,
      description: 'd',
    };
    expect(settingValueProblem(sla, null)).toBeNull();
  });
});

describe('SettingDefinitionSet', () => {
  it('fills category (the domain), nullable and companyOverridable', () => {
    const [entry] = new SettingDefinitionSet([integer]).entries;
    expect(entry).toMatchObject({ category: 'billing', nullable: false, companyOverridable: true });
  });

  it('refuses malformed keys, duplicates, non-boolean feature flags, enums without values and bad defaults', () => {
    expect(() => new SettingDefinitionSet([{ ...integer, key: 'Billing.Terms' }])).toThrow(/<domain>.<name>/);
    expect(() => new SettingDefinitionSet([integer, integer])).toThrow(/twice/);
    expect(() => new SettingDefinitionSet([{ ...integer, key: 'features.beta' }])).toThrow(/boolean/);
    expect(
      () => new SettingDefinitionSet([{ key: 'a.mode', type: 'enum', default: 'x', description: 'd' }]),
    ).toThrow(/values/);
    expect(() => new SettingDefinitionSet([{ ...integer, default: 500 }])).toThrow(/default must be at most/);
    expect(() => new SettingDefinitionSet([{ ...integer, description: ' ' }])).toThrow(/description/);
    expect(() => new SettingDefinitionSet([{ ...integer, type: 'string', pattern: '(' }])).toThrow();
  });
});
