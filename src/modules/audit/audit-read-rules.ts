import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AuditedEntitySet, type PermissionScope } from '@libs/core';

/**
 * Which audit rows a caller may see in a timeline: those of entity types whose read key it holds,
 * from the AuditedEntitySet every module provides (found at start-up).
 */
@Injectable()
export class AuditReadRules implements OnModuleInit {
  private readPermissionOf = new Map<string, string>();

  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const sets = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is AuditedEntitySet => instance instanceof AuditedEntitySet);
    for (const set of new Set(sets)) {
      for (const { entityType, readPermission } of set.entries) {
        if (this.readPermissionOf.has(entityType)) {
          throw new Error(`Two AuditedEntitySets declare the entity type "${entityType}"`);
        }
        this.readPermissionOf.set(entityType, readPermission);
      }
    }
  }

  readableEntityTypes(permissions: ReadonlyMap<string, PermissionScope>): string[] {
    return [...this.readPermissionOf]
      .filter(([, permission]) => permissions.has(permission))
      .map(([entityType]) => entityType)
      .sort();
  }
}
