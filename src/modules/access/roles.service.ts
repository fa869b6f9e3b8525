import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, type FieldError, mapPage, type Page, type PermissionScope } from '@libs/core';
import { type PermissionMap, assertCanGrant } from './access.service';
import {
  AccessErrorCode,
  concurrentChange,
  invalidFields,
  notFound,
  roleInUse,
  roleNameReserved,
  roleNameTaken,
  systemRoleImmutable,
} from './access.errors';
import { RESERVED_ROLE_KEYS, normalizeRoleName, roleKeyOf } from './default-roles';
import type {
  CreateRoleDto,
  ListRolesQueryDto,
  ReplaceRolePermissionsDto,
  UpdateRoleDto,
} from './dto/role.dto';
import type { GrantDto } from './dto/grant.dto';
import { RoleResponseDto } from './dto/role.response.dto';
import type { Role } from './entities/role.entity';
import { PermissionsRepository } from './permissions.repository';
import { type Grant, RolesRepository } from './roles.repository';
import { isUniqueViolation, PgErrorCode, pgErrorCode } from '@libs/persistence';

/**
 * Roles of the active company (SPEC §4): custom roles CRUD, system role protection, replacing a role's
 * permission set. Every change bumps the role's version (ETag), which also invalidates the permission
 * caches. TODO(audit): role and permission changes must write an audit row with before/after once the
 * audit log module (SPEC §11.1) exists.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly roles: RolesRepository,
    private readonly permissions: PermissionsRepository,
  ) {}

  async list(query: ListRolesQueryDto): Promise<Page<RoleResponseDto>> {
    const page = await this.roles.listPage(query);
    const grants = await this.roles.grantsOf(page.data.map((role) => role.id));
    return mapPage(page, (role) => RoleResponseDto.from(role, grants.get(role.id) ?? []));
  }

  async get(id: string): Promise<RoleResponseDto> {
    return this.responseOf(await this.mustFind(id));
  }

  @Transactional()
  async create(dto: CreateRoleDto, granter: PermissionMap): Promise<RoleResponseDto> {
    const name = normalizeRoleName(dto.name);
    const key = this.customKeyOf(name);
    const grants = await this.validGrants(dto.permissions ?? []);
    assertCanGrant(grants, granter);
    let role: Role;
    try {
      [role] = await this.roles.insert([
        { key, name, description: dto.description ?? null, systemKey: null },
      ]);
    } catch (error) {
      throw this.uniqueToConflict(error);
    }
    await this.roles.insertGrants(role.companyId, role.id, grants);
    return this.get(role.id);
  }

  @Transactional()
  async update(id: string, dto: UpdateRoleDto, ifMatch: string | undefined): Promise<RoleResponseDto> {
    const role = await this.mustFind(id);
    assertIfMatch(ifMatch, role.version);
    const changes: Partial<Pick<Role, 'key' | 'name' | 'description'>> = {};
    if (dto.name !== undefined) {
      const name = normalizeRoleName(dto.name);
      if (name !== role.name) {
        if (role.isSystem) throw systemRoleImmutable('System roles cannot be renamed');
        changes.name = name;
        changes.key = this.customKeyOf(name);
      }
    }
    if (dto.description !== undefined) changes.description = dto.description;
    if (Object.keys(changes).length) {
      try {
        if (!(await this.roles.update(id, role.version, changes))) throw concurrentChange();
      } catch (error) {
        throw this.uniqueToConflict(error);
      }
    }
    return this.get(id);
  }

  /** Deletes a custom role; 409 `role_in_use` while a membership, invitation or API key uses it. */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const role = await this.mustFind(id);
    assertIfMatch(ifMatch, role.version);
    if (role.isSystem) throw systemRoleImmutable('System roles cannot be deleted');
    try {
      await this.roles.delete(id);
    } catch (error) {
      // The RESTRICT foreign keys of companies.memberships / invitations and access.api_keys.
      // ON DELETE RESTRICT answers 23001 (restrict_violation), NO ACTION 23503 (foreign_key_violation).
      const code = pgErrorCode(error);
      if (code === PgErrorCode.RestrictViolation || code === PgErrorCode.ForeignKeyViolation)
        throw roleInUse();
      throw error;
    }
  }

  /**
   * Replaces the role's permission set atomically. Unknown or deprecated keys, duplicates and `own` on
   * a non-scopable key -> 400 naming `permissions[i]...`; the owner role -> 409; adding a key (or
   * widening a scope) the caller does not hold -> 403 `privilege_escalation`.
   */
  @Transactional()
  async replacePermissions(
    id: string,
    dto: ReplaceRolePermissionsDto,
    ifMatch: string | undefined,
    granter: PermissionMap,
  ): Promise<RoleResponseDto> {
    const role = await this.mustFind(id);
    assertIfMatch(ifMatch, role.version);
    if (role.systemKey === 'owner') {
      throw systemRoleImmutable('The owner role always holds every permission; its set cannot be changed');
    }
    const grants = await this.validGrants(dto.permissions);
    const current = new Map(((await this.roles.grantsOf([id])).get(id) ?? []).map((g) => [g.key, g.scope]));
    // Only what the change adds or widens needs the caller's own permission; keeping or narrowing the
    // existing grants of the role does not.
    const added = grants.filter((g) => {
      const held = current.get(g.key);
      return held === undefined || (held === 'own' && g.scope === 'all');
    });
    assertCanGrant(added, granter);
    if (!(await this.roles.bumpVersion(id, role.version))) throw concurrentChange();
    await this.roles.replaceGrants(id, grants);
    return this.get(id);
  }

  private async mustFind(id: string): Promise<Role> {
    const role = await this.roles.findById(id);
    if (!role) throw notFound('Role');
    return role;
  }

  private async responseOf(role: Role): Promise<RoleResponseDto> {
    const grants = await this.roles.grantsOf([role.id]);
    return RoleResponseDto.from(role, grants.get(role.id) ?? []);
  }

  private customKeyOf(name: string): string {
    const key = roleKeyOf(name);
    if (key.length === 0) {
      throw invalidFields([
        { path: 'name', code: AccessErrorCode.ValidationFailed, message: 'must contain a letter or a digit' },
      ]);
    }
    if (RESERVED_ROLE_KEYS.has(key)) throw roleNameReserved(name);
    return key;
  }

  private uniqueToConflict(error: unknown): unknown {
    if (isUniqueViolation(error, 'uq_roles_company_id_key')) return roleNameTaken();
    return error;
  }

  /** Checks the requested grants against the live catalogue; every fault is named in one 400. */
  private async validGrants(requested: readonly GrantDto[]): Promise<Grant[]> {
    const catalogue = await this.permissions.activeEntries([...new Set(requested.map((g) => g.key))]);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const grants: Grant[] = [];
    requested.forEach((grant, i) => {
      const scope: PermissionScope = grant.scope ?? 'all';
      const entry = catalogue.get(grant.key);
      if (!entry) {
        errors.push({
          path: `permissions[${i}].key`,
          code: AccessErrorCode.UnknownPermission,
          message: `"${grant.key}" is not a permission of the catalogue`,
        });
      } else if (seen.has(grant.key)) {
        errors.push({
          path: `permissions[${i}].key`,
          code: AccessErrorCode.DuplicatePermission,
          message: `"${grant.key}" is listed twice`,
        });
      } else if (scope === 'own' && !entry.scopable) {
        errors.push({
          path: `permissions[${i}].scope`,
          code: AccessErrorCode.ScopeNotAllowed,
          message: `"${grant.key}" cannot be limited to own records; use scope all`,
        });
      }
      seen.add(grant.key);
      grants.push({ key: grant.key, scope });
    });
    if (errors.length) throw invalidFields(errors);
    return grants;
  }
}
