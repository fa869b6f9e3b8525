import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type SettingEntry, SettingDefinitionSet } from '@libs/core';

/**
 * Every setting declared anywhere in the application: the entries of each SettingDefinitionSet
 * provider (found with Nest's DiscoveryService), merged once. A key declared by two modules fails
 * the start-up, like a duplicate permission key.
 */
@Injectable()
export class SettingsCatalogue implements OnModuleInit {
  private byKey?: ReadonlyMap<string, SettingEntry>;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.entries();
  }

  get(key: string): SettingEntry | undefined {
    return this.entries().get(key);
  }

  /** Every definition, by key. */
  all(): SettingEntry[] {
    return [...this.entries().values()];
  }

  private entries(): ReadonlyMap<string, SettingEntry> {
    if (this.byKey) return this.byKey;
    const sets = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is SettingDefinitionSet => instance instanceof SettingDefinitionSet);
    const byKey = new Map<string, SettingEntry>();
    for (const entry of [...new Set(sets)].flatMap((set) => set.entries)) {
      if (byKey.has(entry.key)) throw new Error(`Two SettingDefinitionSets declare "${entry.key}"`);
      byKey.set(entry.key, entry);
    }
    this.byKey = new Map([...byKey].sort(([a], [b]) => a.localeCompare(b)));
    return this.byKey;
  }
}
