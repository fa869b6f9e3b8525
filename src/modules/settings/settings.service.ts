import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type Principal, type SettingEntry, settingValueProblem } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import type { SettingScope } from './dto/setting.dto';
import { SettingResponseDto } from './dto/setting.response.dto';
import { effectiveSetting } from './effective-setting';
import { SettingsCatalogue } from './settings-catalogue';
import { invalidValue, notOverridable, platformAdminRequired, settingNotFound } from './settings.errors';
import { SettingsRepository } from './settings.repository';

/** The settings endpoints (SPEC §11.4): effective values of the active company, overrides, reverts. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly catalogue: SettingsCatalogue,
    private readonly repository: SettingsRepository,
  ) {}

  async list(category?: string): Promise<SettingResponseDto[]> {
    const entries = this.catalogue.all().filter((entry) => !category || entry.category === category);
    const stored = await this.repository.storedFor(
      requireCompanyId(),
      entries.map((entry) => entry.key),
    );
    return entries.map((entry) => SettingResponseDto.from(entry, effectiveSetting(entry, stored)));
  }

  /** Unknown key -> 404; scope not allowed -> 403/409; a value the definition refuses -> 400 `value`. */
  @Transactional()
  async put(
    key: string,
    value: unknown,
    scope: SettingScope,
    principal: Principal,
  ): Promise<SettingResponseDto> {
    const entry = this.mustFind(key);
    const companyId = this.companyOfScope(entry, scope, principal);
    const problem = settingValueProblem(entry, value);
    if (problem) throw invalidValue(problem);
    await this.repository.upsert(companyId, key, value);
    return this.effective(entry);
  }

  /** Removes the scope's value (nothing to remove is fine): the next level applies again. */
  @Transactional()
  async revert(key: string, scope: SettingScope, principal: Principal): Promise<void> {
    const entry = this.mustFind(key);
    await this.repository.remove(this.companyOfScope(entry, scope, principal), key);
  }

  private async effective(entry: SettingEntry): Promise<SettingResponseDto> {
    const stored = await this.repository.storedFor(requireCompanyId(), [entry.key]);
    return SettingResponseDto.from(entry, effectiveSetting(entry, stored));
  }

  private mustFind(key: string): SettingEntry {
    const entry = this.catalogue.get(key);
    if (!entry) throw settingNotFound(key);
    return entry;
  }

  /** The company whose value a write changes: the active one, or null for the installation. */
  private companyOfScope(entry: SettingEntry, scope: SettingScope, principal: Principal): string | null {
    if (scope === 'installation') {
      if (!principal.isPlatformAdmin) throw platformAdminRequired();
      return null;
    }
    if (!entry.companyOverridable) throw notOverridable(entry.key);
    return requireCompanyId();
  }
}
