import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In } from 'typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { prepared, PreparedQueries, requireCompanyId, softDelete } from '@libs/persistence';
import { Membership, type MembershipStatus } from './entities/membership.entity';

export interface MemberListRequest extends KeysetPageRequest {
  status?: MembershipStatus[];
  roleId?: string;
  /** Only these users (the ids of a name/e-mail search, resolved by the identity module). */
  userIds?: string[];
}

/**
 * Memberships. Methods named `…InCompany` / list / save work in the request's company and refuse to
 * run without one; the user-scoped methods (`…OfUser`, `findActive`) take the company explicitly and
 * serve the principal resolver, `/companies/mine` and the identity port.
 */
const ACTIVE_MEMBERSHIP = prepared(
  'companies.active-membership',
  `SELECT role_id AS "roleId" FROM companies.memberships
    WHERE user_id = $1 AND company_id = $2 AND status = 'active' AND deleted_at IS NULL`,
);

@Injectable()
export class MembershipsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(PreparedQueries) private readonly sql: PreparedQueries,
  ) {}

  private get repo() {
    return this.txHost.tx.getRepository(Membership);
  }

  // ---- tenant-scoped -------------------------------------------------------------------------------

  async listPage(request: MemberListRequest): Promise<Page<Membership>> {
    const companyId = requireCompanyId();
    const query = this.repo.createQueryBuilder('m').where('m.company_id = :companyId', { companyId });
    if (request.status?.length) query.andWhere('m.status IN (:...status)', { status: request.status });
    if (request.roleId) query.andWhere('m.role_id = :roleId', { roleId: request.roleId });
    if (request.userIds) query.andWhere('m.user_id = ANY(:userIds)', { userIds: request.userIds });
    return keysetPaginate(query, request, {
      sortable: { joinedAt: 'm.joined_at', createdAt: 'm.created_at' },
      defaultSort: 'joinedAt',
      tieBreaker: { key: 'id', column: 'm.id' },
    });
  }

  async findInCompany(userId: string): Promise<Membership | null> {
    return this.repo.findOne({ where: { companyId: requireCompanyId(), userId } });
  }

  async save(membership: Membership): Promise<Membership> {
    if (membership.companyId !== requireCompanyId()) throw new Error('Refusing to write another company');
    return this.repo.save(membership);
  }

  /** Locks the company's active memberships holding `roleId` (serialises last-owner checks) and counts them. */
  async lockActiveWithRole(roleId: string): Promise<number> {
    const companyId = requireCompanyId();
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT id FROM companies.memberships
        WHERE company_id = $1 AND role_id = $2 AND status = 'active' AND deleted_at IS NULL
        FOR UPDATE`,
      [companyId, roleId],
    );
    return rows.length;
  }

  async softDeleteInCompany(userId: string): Promise<number> {
    return softDelete(this.txHost.tx, Membership, 'company_id = :companyId AND user_id = :userId', {
      companyId: requireCompanyId(),
      userId,
    });
  }

  // ---- user-scoped ---------------------------------------------------------------------------------

  /** The user's active membership in the company (per-request hot path: one indexed read). */
  /** On every authenticated request (the principal resolver): a prepared statement. */
  async findActive(userId: string, companyId: string): Promise<Pick<Membership, 'roleId'> | null> {
    return this.sql.first<{ roleId: string }>(ACTIVE_MEMBERSHIP, [userId, companyId]);
  }

  async findOfUser(userId: string, companyId: string): Promise<Membership | null> {
    return this.repo.findOne({ where: { userId, companyId } });
  }

  async listOfUser(userId: string): Promise<Membership[]> {
    return this.repo.find({ where: { userId }, order: { joinedAt: 'ASC', id: 'ASC' } });
  }

  async insert(membership: Partial<Membership>): Promise<Membership> {
    const entity = this.repo.create(membership);
    await this.repo.insert(entity);
    return entity;
  }

  async hasAny(userId: string): Promise<boolean> {
    return this.repo.exists({ where: { userId } });
  }

  /** The default membership's company, else the most recent active one. */
  async defaultCompanyId(userId: string): Promise<string | null> {
    const rows: Array<{ company_id: string }> = await this.txHost.tx.query(
      `SELECT company_id FROM companies.memberships
        WHERE user_id = $1 AND status = 'active' AND deleted_at IS NULL
        ORDER BY is_default DESC, joined_at DESC, id DESC
        LIMIT 1`,
      [userId],
    );
    return rows[0]?.company_id ?? null;
  }

  async makeDefault(userId: string, companyId: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE companies.memberships SET is_default = false
        WHERE user_id = $1 AND is_default AND company_id <> $2 AND deleted_at IS NULL`,
      [userId, companyId],
    );
    await this.txHost.tx.query(
      `UPDATE companies.memberships SET is_default = true, version = version + 1, updated_at = now()
        WHERE user_id = $1 AND company_id = $2 AND deleted_at IS NULL AND NOT is_default`,
      [userId, companyId],
    );
  }

  async softDeleteAllOfUser(userId: string): Promise<number> {
    return softDelete(this.txHost.tx, Membership, 'user_id = :userId', { userId });
  }

  /** Companies where the user holds `ownerRole` (per company) and no other active member holds it. */
  async countActiveOthers(companyId: string, excludingUserId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.txHost.tx.query(
      `SELECT count(*) AS n FROM companies.memberships
        WHERE company_id = $1 AND user_id <> $2 AND status = 'active' AND deleted_at IS NULL`,
      [companyId, excludingUserId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async countActiveWithRoleIn(companyId: string, roleId: string): Promise<number> {
    return this.repo.count({ where: { companyId, roleId, status: 'active' } });
  }

  async findManyOfUserIn(userId: string, companyIds: string[]): Promise<Membership[]> {
    return this.repo.find({ where: { userId, companyId: In(companyIds) } });
  }
}
