import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type PermissionEntry, PermissionSet } from '@libs/core';
import { defaultGrants, SYSTEM_ROLES } from './default-roles';

export interface CatalogueSyncResult {
  added: string[];
  updated: string[];
  deprecated: string[];
  /** Roles whose grants changed (their version was bumped). */
  rolesChanged: number;
}

/**
 * Every PermissionSet provided anywhere in the application, merged. Several modules may share a
 * domain (the platform services all declare `platform.*` keys), but a key declared twice fails the boot.
 */
export function collectPermissionSets(sets: readonly PermissionSet[]): PermissionEntry[] {
  const byKey = new Map<string, PermissionEntry>();
  for (const set of sets) {
    for (const entry of set.entries) {
      if (byKey.has(entry.key)) throw new Error(`Two PermissionSets declare the key "${entry.key}"`);
      byKey.set(entry.key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const SYNC_LOCK = 'access.permissions.sync';

/**
 * Syncs `access.permissions` at application bootstrap from every provider whose value is a
 * PermissionSet (found with Nest's DiscoveryService), in ONE transaction under an advisory lock (two
 * instances starting together do not race):
 * - declared keys are upserted (description, scopable); a previously deprecated key comes back;
 * - keys no module declares any more are marked deprecated and removed from every role;
 * - keys new to the catalogue join the system roles of every company per their default grants;
 * - a key that stopped being scopable loses its `own` grants (never widened to `all`).
 * Every role whose grants changed gets its version bumped, which also invalidates permission caches.
 */
@Injectable()
export class PermissionCatalogue implements OnApplicationBootstrap {
  private readonly logger = new Logger(PermissionCatalogue.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.sync(this.declaredEntries());
    if (result.added.length || result.updated.length || result.deprecated.length) {
      this.logger.log(
        `Permission catalogue synced: ${result.added.length} added, ${result.updated.length} updated, ` +
          `${result.deprecated.length} deprecated, ${result.rolesChanged} role(s) changed`,
      );
    }
  }

  /** The entries of every PermissionSet provider of the application. */
  declaredEntries(): PermissionEntry[] {
    const sets = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is PermissionSet => instance instanceof PermissionSet);
    return collectPermissionSets([...new Set(sets)]);
  }

  sync(declared: readonly PermissionEntry[]): Promise<CatalogueSyncResult> {
    return this.dataSource.transaction((manager) => syncCatalogue(manager, declared));
  }
}

async function syncCatalogue(
  manager: EntityManager,
  declared: readonly PermissionEntry[],
): Promise<CatalogueSyncResult> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SYNC_LOCK]);
  const existing = new Map(
    (
      await manager.query<
        Array<{ key: string; description: string; scopable: boolean; deprecated: boolean }>
      >(`SELECT key, description, scopable, deprecated_at IS NOT NULL AS deprecated FROM access.permissions`)
    ).map((row) => [row.key, row]),
  );
  const declaredKeys = new Set(declared.map((e) => e.key));

  const added = declared.filter((e) => !existing.has(e.key) || existing.get(e.key)?.deprecated);
  const updated = declared.filter((e) => {
    const row = existing.get(e.key);
    return row && !row.deprecated && (row.description !== e.description || row.scopable !== e.scopable);
  });
  const deprecated = [...existing.values()].filter((row) => !row.deprecated && !declaredKeys.has(row.key));
  const noLongerScopable = declared.filter((e) => existing.get(e.key)?.scopable && !e.scopable);

  if (added.length || updated.length) {
    const changed = [...added, ...updated];
    await manager.query(
      `INSERT INTO access.permissions (key, domain, resource, action, description, scopable)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
       ON CONFLICT (key) DO UPDATE
         SET domain = EXCLUDED.domain, resource = EXCLUDED.resource, action = EXCLUDED.action,
             description = EXCLUDED.description, scopable = EXCLUDED.scopable,
             deprecated_at = NULL, updated_at = now()`,
      [
        changed.map((e) => e.key),
        changed.map((e) => e.domain),
        changed.map((e) => e.resource),
        changed.map((e) => e.action),
        changed.map((e) => e.description),
        changed.map((e) => e.scopable),
      ],
    );
  }

  const touchedRoles = new Set<string>();
  const collect = (result: unknown) => {
    // DELETE/INSERT ... RETURNING through TypeORM's pg driver answer [rows, count].
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Array<{
      role_id: string;
    }>;
    for (const row of rows) touchedRoles.add(row.role_id);
  };

  if (deprecated.length) {
    const keys = deprecated.map((row) => row.key);
    await manager.query(
      `UPDATE access.permissions SET deprecated_at = now(), updated_at = now() WHERE key = ANY($1::text[])`,
      [keys],
    );
    collect(
      await manager.query(
        `DELETE FROM access.role_permissions WHERE permission_key = ANY($1::text[]) RETURNING role_id`,
        [keys],
      ),
    );
  }

  if (noLongerScopable.length) {
    collect(
      await manager.query(
        `DELETE FROM access.role_permissions WHERE permission_key = ANY($1::text[]) AND scope = 'own' RETURNING role_id`,
        [noLongerScopable.map((e) => e.key)],
      ),
    );
  }

  if (added.length) {
    for (const role of SYSTEM_ROLES) {
      const grants = [...defaultGrants(role.rules, added)];
      if (grants.length === 0) continue;
      collect(
        await manager.query(
          `INSERT INTO access.role_permissions (company_id, role_id, permission_key, scope)
           SELECT r.company_id, r.id, g.key, g.scope
             FROM access.roles r CROSS JOIN unnest($2::text[], $3::text[]) AS g(key, scope)
            WHERE r.system_key = $1
           ON CONFLICT (role_id, permission_key) DO NOTHING
           RETURNING role_id`,
          [role.key, grants.map(([key]) => key), grants.map(([, scope]) => scope)],
        ),
      );
    }
  }

  if (touchedRoles.size) {
    await manager.query(
      `UPDATE access.roles SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [[...touchedRoles]],
    );
  }

  return {
    added: added.map((e) => e.key),
    updated: updated.map((e) => e.key),
    deprecated: deprecated.map((row) => row.key),
    rolesChanged: touchedRoles.size,
  };
}
