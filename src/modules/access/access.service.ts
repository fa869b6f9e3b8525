import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { isIP } from 'node:net';
import { currentContext, type PermissionScope } from '@libs/core';
import { hashToken } from '@libs/security';
import { type AuthenticatedApiKey, ApiKeysRepository } from './api-keys.repository';
import { privilegeEscalation } from './access.errors';
import { defaultGrants, roleKeyOf, SYSTEM_ROLES } from './default-roles';
import type { SystemRoleKey } from './entities/role.entity';
import { PermissionsRepository } from './permissions.repository';
import { RolesRepository } from './roles.repository';

export type PermissionMap = ReadonlyMap<string, PermissionScope>;

export interface RoleSummary {
  id: string;
  /** UPPER_SNAKE key, e.g. `OWNER`, `SALES_LEAD`. */
  key: string;
  name: string;
  isSystem: boolean;
  /** `owner`, `admin`... for system roles, null for custom roles. */
  systemKey: SystemRoleKey | null;
}

/** Shape of an API key token: `csk_<8 base62>_<43 base62>` (see generatePrefixedToken). */
export const API_KEY_PATTERN = /^csk_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/;

const CACHE_LIMIT = 10_000;

/**
 * The public API of access control for other modules (companies: company creation, the principal
 * resolver, invitations and member role changes). Methods take the company explicitly: they run
 * before the request context has one.
 */
@Injectable()
export class AccessService {
  /** role id -> its permissions at one version; a role change bumps the version, so stale entries miss. */
  private readonly cache = new Map<string, { version: number; permissions: PermissionMap }>();

  constructor(
    private readonly roles: RolesRepository,
    private readonly permissions: PermissionsRepository,
    private readonly apiKeys: ApiKeysRepository,
  ) {}

  /**
   * Creates the seven system roles of a new company with their default grants over the current
   * catalogue, in the caller's transaction (company creation). Returns the owner role's id.
   */
  @Transactional()
  async provisionSystemRoles(companyId: string): Promise<{ ownerRoleId: string }> {
    const catalogue = await this.permissions.allActive();
    const created = await this.roles.insert(
      SYSTEM_ROLES.map((role) => ({
        key: roleKeyOf(role.name),
        name: role.name,
        description: role.description,
        systemKey: role.key,
      })),
      companyId,
    );
    for (const role of created) {
      const definition = SYSTEM_ROLES.find((d) => d.key === role.systemKey);
      if (!definition) continue;
      const grants = [...defaultGrants(definition.rules, catalogue)].map(([key, scope]) => ({ key, scope }));
      await this.roles.insertGrants(companyId, role.id, grants);
    }
    const owner = created.find((role) => role.systemKey === 'owner');
    if (!owner) throw new Error('The owner system role was not created');
    return { ownerRoleId: owner.id };
  }

  /**
   * The permissions a role grants (key -> scope): the per-request hot path of the principal resolver.
   * One point read of the role's version; the grants themselves come from an in-process cache keyed by
   * role id and version (every change to a role's grants bumps its version, in every process's eyes,
   * so a change applies at once everywhere). Empty when the role does not exist in the company.
   */
  async permissionsOfRole(companyId: string, roleId: string): Promise<PermissionMap> {
    const version = await this.roles.versionOf(companyId, roleId);
    if (version === null) {
      this.cache.delete(roleId);
      return new Map();
    }
    const cached = this.cache.get(roleId);
    if (cached?.version === version) return cached.permissions;
    const grants = (await this.roles.grantsOfCompany(companyId, [roleId])).get(roleId) ?? [];
    const permissions: PermissionMap = new Map(grants.map((g) => [g.key, g.scope]));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    // The version read first may be older than the grants read second: caching under the older version
    // only costs one extra reload, never a stale answer.
    this.cache.set(roleId, { version, permissions });
    return permissions;
  }

  async findRole(companyId: string, roleId: string): Promise<RoleSummary | null> {
    const role = await this.roles.findByIdOfCompany(companyId, roleId);
    if (!role) return null;
    return {
      id: role.id,
      key: role.key,
      name: role.name,
      isSystem: role.isSystem,
      systemKey: role.systemKey,
    };
  }

  /** The id of the role with this key in the company; `owner`, `Owner` and `OWNER` are one key. */
  async roleIdByKey(companyId: string, key: string): Promise<string | null> {
    return (await this.roles.findIdByKeyOfCompany(companyId, roleKeyOf(key)))?.id ?? null;
  }

  /**
   * Authenticates a presented API key (`csk_…`): its hash names a live key (not revoked, not expired);
   * `last_used_at` is refreshed at most once a minute. Null for anything else. The principal then acts
   * with `permissionsOfRole(companyId, roleId)`.
   */
  async authenticateApiKey(token: string): Promise<AuthenticatedApiKey | null> {
    if (!API_KEY_PATTERN.test(token)) return null;
    const ip = currentContext().ip;
    return this.apiKeys.authenticate(hashToken(token), ip && isIP(ip) ? ip : null);
  }

  /**
   * Throws 403 `privilege_escalation` unless `granter` holds every permission of the role with at least
   * the same scope: for assigning a role (membership, invitation, API key).
   */
  async assertCanGrantRole(companyId: string, roleId: string, granter: PermissionMap): Promise<void> {
    const wanted = await this.permissionsOfRole(companyId, roleId);
    assertCanGrant(
      [...wanted].map(([key, scope]) => ({ key, scope })),
      granter,
    );
  }
}

/** The keys among `wanted` that `granter` cannot hand out: missing, or `all` wanted where it has `own`. */
export function escalatingKeys(
  wanted: ReadonlyArray<{ key: string; scope: PermissionScope }>,
  granter: PermissionMap,
): string[] {
  return wanted
    .filter(({ key, scope }) => {
      const held = granter.get(key);
      return held === undefined || (scope === 'all' && held !== 'all');
    })
    .map(({ key }) => key);
}

export function assertCanGrant(
  wanted: ReadonlyArray<{ key: string; scope: PermissionScope }>,
  granter: PermissionMap,
): void {
  const keys = escalatingKeys(wanted, granter);
  if (keys.length) throw privilegeEscalation(keys);
}
