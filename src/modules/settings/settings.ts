import { Injectable } from '@nestjs/common';
import { currentContext, type SettingEntry } from '@libs/core';
import { effectiveSetting } from './effective-setting';
import { SettingsCatalogue } from './settings-catalogue';
import { SettingsRepository } from './settings.repository';

/**
 * Settings for other modules: `await settings.get<number>('billing.payment_terms_days')` is the
 * effective value for the company of the request context (the installation's or the default without
 * one). Asking for an undeclared key is a programming error and throws.
 */
@Injectable()
export class Settings {
  constructor(
    private readonly catalogue: SettingsCatalogue,
    private readonly repository: SettingsRepository,
  ) {}

  get<T>(key: string): Promise<T> {
    return this.getFor<T>(currentContext().companyId ?? null, key);
  }

  /** The effective value for a named company (null: the installation-wide value), e.g. in jobs. */
  async getFor<T>(companyId: string | null, key: string): Promise<T> {
    const entry = this.entry(key);
    return effectiveSetting(entry, await this.repository.storedFor(companyId, [key])).value as T;
  }

  /** The companies that override an overridable key, with their values (installation-wide jobs). */
  async companyOverrides<T>(key: string): Promise<Map<string, T>> {
    if (!this.entry(key).companyOverridable) return new Map();
    const rows = await this.repository.companyOverrides(key);
    return new Map(rows.map((row) => [row.companyId, row.value as T]));
  }

  private entry(key: string): SettingEntry {
    const entry = this.catalogue.get(key);
    if (!entry) throw new Error(`No module declares the setting "${key}"`);
    return entry;
  }
}
