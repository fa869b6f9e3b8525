import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type EventTypeDeclaration, EventTypeSet } from '@libs/core';

export interface CatalogueEntry extends EventTypeDeclaration {
  /** The module declaring it. */
  domain: string;
}

/** Every EventTypeSet merged, sorted by type; a type declared twice fails the boot. */
export function mergeEventTypeSets(sets: readonly EventTypeSet[]): CatalogueEntry[] {
  const byType = new Map<string, CatalogueEntry>();
  for (const set of sets) {
    for (const entry of set.entries) {
      const other = byType.get(entry.type);
      if (other)
        throw new Error(`Event type "${entry.type}" is declared by "${other.domain}" and "${set.domain}"`);
      byType.set(entry.type, { ...entry, domain: set.domain });
    }
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/**
 * The event types endpoints may subscribe to (SPEC §11.2): every EventTypeSet provider of the
 * application, found with Nest's DiscoveryService once the modules are built.
 */
@Injectable()
export class EventCatalogue implements OnModuleInit {
  private entries: CatalogueEntry[] = [];
  private types = new Set<string>();

  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const sets = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is EventTypeSet => instance instanceof EventTypeSet);
    this.entries = mergeEventTypeSets([...new Set(sets)]);
    this.types = new Set(this.entries.map((entry) => entry.type));
  }

  list(): readonly CatalogueEntry[] {
    return this.entries;
  }

  has(type: string): boolean {
    return this.types.has(type);
  }
}
