import type { SettingEntry } from '@libs/core';
import type { StoredSetting } from './settings.repository';

/** Where an effective value comes from. */
export type SettingSource = 'company' | 'installation' | 'default';

/**
 * SPEC §11.4: company ?? installation ?? default. A company value counts only while the definition
 * lets companies override it (a key made installation-only later ignores old company rows).
 */
export function effectiveSetting(
  entry: SettingEntry,
  stored: readonly StoredSetting[],
): { value: unknown; source: SettingSource } {
  const ofKey = stored.filter((row) => row.key === entry.key);
  const company = entry.companyOverridable ? ofKey.find((row) => row.companyId !== null) : undefined;
  if (company) return { value: company.value, source: 'company' };
  const installation = ofKey.find((row) => row.companyId === null);
  if (installation) return { value: installation.value, source: 'installation' };
  return { value: entry.default, source: 'default' };
}
