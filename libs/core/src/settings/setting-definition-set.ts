/** The value types of settings (SPEC §11.4). */
export const SETTING_TYPES = ['string', 'integer', 'number', 'boolean', 'json', 'enum'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

/** One setting a module declares. Feature flags are boolean settings named `features.<name>`. */
export interface SettingDefinition {
  /** `<domain>.<name>`, lowercase snake_case parts: `billing.payment_terms_days`. */
  key: string;
  type: SettingType;
  /** What the setting changes, for the people changing it. */
  description: string;
  /** The value when neither the company nor the installation sets one. */
  default: unknown;
  /** Groups settings on screens and in `GET /settings?category=`; default: the key's domain. */
  category?: string;
  /** integer and number: the value's bounds; string: its length's. Inclusive. */
  min?: number;
  max?: number;
  /** string: a regular expression the whole value must match (anchor it). */
  pattern?: string;
  /** enum: the allowed values. */
  values?: readonly string[];
  /** null is a valid value (e.g. "no default SLA policy"). Default false. */
  nullable?: boolean;
  /** Companies may override the installation-wide value. Default true. */
  companyOverridable?: boolean;
}

/** A definition after validation: defaults filled in. */
export type SettingEntry = Readonly<
  Omit<SettingDefinition, 'category' | 'nullable' | 'companyOverridable'> & {
    category: string;
    nullable: boolean;
    companyOverridable: boolean;
  }
>;

export const SETTING_KEY_PATTERN = /^[a-z]+(?:_[a-z]+)*\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Strings are short texts (prefixes, ids, templates' names); JSON values are small documents. */
const MAX_STRING_LENGTH = 1000;
const MAX_JSON_BYTES = 16 * 1024;

/** Why `value` is not valid for the setting, or null when it is. */
export function settingValueProblem(definition: SettingDefinition, value: unknown): string | null {
  if (value === null) return definition.nullable ? null : 'must not be null';
  if (value === undefined) return 'is required';
  const { min, max } = definition;
  switch (definition.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be a string';
      const length = [...value].length;
      if (length > (max ?? MAX_STRING_LENGTH))
        return `must be at most ${max ?? MAX_STRING_LENGTH} characters`;
      if (min !== undefined && length < min) return `must be at least ${min} characters`;
      if (definition.pattern && !new RegExp(definition.pattern).test(value))
        return `must match ${definition.pattern}`;
      return null;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (definition.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
      if (min !== undefined && value < min) return `must be at least ${min}`;
      if (max !== undefined && value > max) return `must be at most ${max}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && definition.values?.includes(value)
        ? null
        : `must be one of ${definition.values?.join(', ')}`;
    case 'json':
      return Buffer.byteLength(JSON.stringify(value), 'utf8') <= MAX_JSON_BYTES
        ? null
        : `must be at most ${MAX_JSON_BYTES} bytes of JSON`;
  }
}

/**
 * The settings one module declares (SPEC §11.4). The module provides it as
 * `{ provide: '<DOMAIN>_SETTINGS', useValue: new SettingDefinitionSet([...]) }`; the settings module
 * discovers every SettingDefinitionSet provider. Construction validates the declarations (key format,
 * duplicates, constraints that fit the type, a default that passes them), so a typo fails the boot.
 */
export class SettingDefinitionSet {
  readonly entries: readonly SettingEntry[];

  constructor(declarations: readonly SettingDefinition[]) {
    const seen = new Set<string>();
    this.entries = Object.freeze(
      declarations.map((declaration) => {
        const where = `Setting "${declaration.key}"`;
        if (!SETTING_KEY_PATTERN.test(declaration.key)) {
          throw new Error(`${where}: the key must look like <domain>.<name> (lowercase snake_case)`);
        }
        if (seen.has(declaration.key)) throw new Error(`${where} is declared twice`);
        seen.add(declaration.key);
        if (!SETTING_TYPES.includes(declaration.type)) throw new Error(`${where}: unknown type`);
        if (!declaration.description?.trim()) throw new Error(`${where} needs a description`);
        if (declaration.key.startsWith('features.') && declaration.type !== 'boolean') {
          throw new Error(`${where}: feature flags are boolean`);
        }
        if (declaration.type === 'enum' && !declaration.values?.length) {
          throw new Error(`${where}: an enum needs its values`);
        }
        if (declaration.pattern !== undefined) new RegExp(declaration.pattern); // throws when malformed
        const problem = settingValueProblem(declaration, declaration.default);
        if (problem) throw new Error(`${where}: the default ${problem}`);
        return Object.freeze({
          ...declaration,
          category: declaration.category ?? declaration.key.slice(0, declaration.key.indexOf('.')),
          nullable: declaration.nullable ?? false,
          companyOverridable: declaration.companyOverridable ?? true,
        });
      }),
    );
    Object.freeze(this);
  }
}
