import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  currentActorId,
  type KeysetPageRequest,
  keysetPaginate,
  type Page,
  type PermissionScope,
} from '@libs/core';
import { prepared, PreparedQueries, requireCompanyId } from '@libs/persistence';
import { Role, type SystemRoleKey } from './entities/role.entity';
import { RolePermission } from './entities/role-permission.entity';

export const ROLE_SORT = { keys: ['name', 'createdAt'], default: 'name' } as const;

export interface Grant {
  key: string;
  scope: PermissionScope;
}

export interface NewRole {
  key: string;
  name: string;
  description: string | null;
  systemKey: SystemRoleKey | null;
}

const ROLE_VERSION = prepared(
  'access.role-version',
  `SELECT version FROM access.roles WHERE company_id = $1 AND id = $2`,
);

/**
 * Roles and their permissions (tenant-owned). Every query is filtered by the company of the request
 * context and refuses to run without one (requireCompanyId), except the `*OfCompany` methods behind
 * AccessService's public API, whose callers name the company explicitly (company creation, the
 * principal resolver: both run before the context has a company).
 */
@Injectable()
export class RolesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(PreparedQueries) private readonly sql: PreparedQueries,
  ) {}

  private get roles(): Repository<Role> {
    return this.txHost.tx.getRepository(Role);
  }

  findById(id: string): Promise<Role | null> {
    return this.findByIdOfCompany(requireCompanyId(), id);
  }

  findByIdOfCompany(companyId: string, id: string): Promise<Role | null> {
    return this.roles.findOne({ where: { companyId, id } });
  }

  findIdByKeyOfCompany(companyId: string, key: string): Promise<{ id: string } | null> {
    return this.roles.findOne({ select: { id: true }, where: { companyId, key } });
  }

  listPage(request: KeysetPageRequest & { isSystem?: boolean }): Promise<Page<Role>> {
    const query = this.roles
      .createQueryBuilder('role')
      .where('role.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.isSystem !== undefined)
      query.andWhere('role.is_system = :isSystem', { isSystem: request.isSystem });
    return keysetPaginate(query, request, {
      sortable: { name: 'role.name', createdAt: 'role.createdAt' },
      defaultSort: ROLE_SORT.default,
      tieBreaker: { key: 'id', column: 'role.id' },
    });
  }

  /** Inserts roles of the context's company, or of `companyId` when provisioning a new company. */
  async insert(roles: NewRole[], companyId: string = requireCompanyId()): Promise<Role[]> {
    const actor = currentActorId();
    const rows = roles.map((role) =>
      this.roles.create({
        id: uuidv7(),
        companyId,
        key: role.key,
        name: role.name,
        description: role.description,
        isSystem: role.systemKey !== null,
        systemKey: role.systemKey,
        createdBy: actor,
        updatedBy: actor,
      }),
    );
    await this.roles.insert(rows);
    return rows;
  }

  /**
   * Changes name/description and bumps the version, if the row still has `version` (optimistic lock).
   * Returns false when the role changed meanwhile.
   */
  async update(
    id: string,
    version: number,
    changes: Partial<Pick<Role, 'key' | 'name' | 'description'>>,
  ): Promise<boolean> {
    const result = await this.roles
      .createQueryBuilder()
      .update(Role)
      .set({ ...changes, updatedBy: currentActorId(), version: () => 'version + 1' })
      .where('company_id = :companyId AND id = :id AND version = :version', {
        companyId: requireCompanyId(),
        id,
        version,
      })
      .callListeners(false)
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Bumps the version (permissions changed), if it is still `version`. */
  bumpVersion(id: string, version: number): Promise<boolean> {
    return this.update(id, version, {});
  }

  /**
   * Deletes the role for good (its permissions go with it). Throws the driver's 23503 while a
   * membership, invitation or API key still references it (RESTRICT foreign keys).
   */
  async delete(id: string): Promise<number> {
    const result = await this.roles.delete({ companyId: requireCompanyId(), id });
    return result.affected ?? 0;
  }

  /** The grants of several roles of the context's company: role id -> grants (sorted by key). */
  async grantsOf(roleIds: readonly string[]): Promise<Map<string, Grant[]>> {
    return this.grantsOfCompany(requireCompanyId(), roleIds);
  }

  async grantsOfCompany(companyId: string, roleIds: readonly string[]): Promise<Map<string, Grant[]>> {
    const result = new Map<string, Grant[]>(roleIds.map((id) => [id, []]));
    if (roleIds.length === 0) return result;
    const rows = await this.txHost.tx.query<
      Array<{ role_id: string; permission_key: string; scope: PermissionScope }>
    >(
      `SELECT role_id, permission_key, scope FROM access.role_permissions
        WHERE company_id = $1 AND role_id = ANY($2::uuid[]) ORDER BY permission_key`,
      [companyId, roleIds],
    );
    for (const row of rows) result.get(row.role_id)?.push({ key: row.permission_key, scope: row.scope });
    return result;
  }

  /** The hot path's first question: the role's current version (null: no such role in the company). */
  /** On every authenticated request (permissions are cached per role version): a prepared statement. */
  async versionOf(companyId: string, roleId: string): Promise<number | null> {
    const row = await this.sql.first<{ version: number }>(ROLE_VERSION, [companyId, roleId]);
    return row?.version ?? null;
  }

  /** Replaces a role's grants (the caller bumps the role's version in the same transaction). */
  async replaceGrants(
    roleId: string,
    grants: readonly Grant[],
    companyId: string = requireCompanyId(),
  ): Promise<void> {
    await this.txHost.tx.getRepository(RolePermission).delete({ companyId, roleId });
    await this.insertGrants(companyId, roleId, grants);
  }

  async insertGrants(companyId: string, roleId: string, grants: readonly Grant[]): Promise<void> {
    if (grants.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO access.role_permissions (company_id, role_id, permission_key, scope)
       SELECT $1, $2, g.key, g.scope FROM unnest($3::text[], $4::text[]) AS g(key, scope)`,
      [companyId, roleId, grants.map((g) => g.key), grants.map((g) => g.scope)],
    );
  }
}
