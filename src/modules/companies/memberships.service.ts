import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AppError, assertIfMatch, CoreErrorCode, type Page, type Principal } from '@libs/core';
import { AccessService } from '../access';
import { UserDirectory } from '../identity';
import { lastOwner, notFound, ownerRequired, referenceNotFound } from './companies.errors';
import { CompaniesPermission } from './companies.permissions';
import type { ListMembersQueryDto, MemberResponseDto, UpdateMemberDto } from './dto/member.dto';
import type { Membership } from './entities/membership.entity';
import { MembershipsRepository } from './memberships.repository';
import { requireCompanyId } from '@libs/persistence';

/** The system role every company must keep at least one active holder of. */
export const OWNER_ROLE_KEY = 'OWNER';

@Injectable()
export class MembershipsService {
  constructor(
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(UserDirectory) private readonly users: UserDirectory,
  ) {}

  async ownerRoleId(companyId: string): Promise<string | null> {
    return this.access.roleIdByKey(companyId, OWNER_ROLE_KEY);
  }

  async list(query: ListMembersQueryDto): Promise<Page<MemberResponseDto>> {
    const { q, ...filters } = query;
    const userIds = q === undefined ? undefined : await this.users.searchIds(q);
    const page = await this.memberships.listPage({ ...filters, userIds });
    const items = await this.describe(page.data);
    return { data: items, page: page.page };
  }

  async get(userId: string): Promise<MemberResponseDto> {
    const membership = await this.memberships.findInCompany(userId);
    if (!membership) throw notFound('Member');
    return (await this.describe([membership]))[0];
  }

  async getEntity(userId: string): Promise<Membership> {
    const membership = await this.memberships.findInCompany(userId);
    if (!membership) throw notFound('Member');
    return membership;
  }

  /** Role and status changes; the owner role is granted or revoked only by owners; the last owner stays. */
  @Transactional()
  async update(
    principal: Principal,
    userId: string,
    dto: UpdateMemberDto,
    ifMatch?: string,
  ): Promise<MemberResponseDto> {
    const companyId = requireCompanyId();
    const membership = await this.getEntity(userId);
    assertIfMatch(ifMatch, membership.version);
    const ownerRoleId = await this.ownerRoleId(companyId);
    if (dto.roleId && dto.roleId !== membership.roleId) {
      const role = await this.access.findRole(companyId, dto.roleId);
      if (!role) throw referenceNotFound('roleId', 'The role');
      if (
        (dto.roleId === ownerRoleId || membership.roleId === ownerRoleId) &&
        !(await this.isOwner(principal, ownerRoleId))
      ) {
        throw ownerRequired();
      }
    }
    const losesOwner =
      membership.roleId === ownerRoleId &&
      membership.status === 'active' &&
      ((dto.roleId !== undefined && dto.roleId !== ownerRoleId) || dto.status === 'suspended');
    if (losesOwner && ownerRoleId && (await this.memberships.lockActiveWithRole(ownerRoleId)) <= 1)
      throw lastOwner();
    if (
      dto.status === 'suspended' &&
      membership.roleId === ownerRoleId &&
      !(await this.isOwner(principal, ownerRoleId))
    ) {
      throw ownerRequired();
    }
    if (dto.roleId) membership.roleId = dto.roleId;
    if (dto.status) membership.status = dto.status;
    const saved = await this.memberships.save(membership);
    return (await this.describe([saved]))[0];
  }

  /** Removes a member (soft delete). Members may always remove themselves (leave). */
  @Transactional()
  async remove(principal: Principal, userId: string, ifMatch?: string): Promise<void> {
    const companyId = requireCompanyId();
    const self = principal.userId === userId;
    if (!self && !principal.permissions.has(CompaniesPermission.MemberManage)) {
      throw new AppError(
        403,
        CoreErrorCode.Forbidden,
        `This requires the permission ${CompaniesPermission.MemberManage}`,
        {
          extensions: { permission: CompaniesPermission.MemberManage },
        },
      );
    }
    const membership = await this.getEntity(userId);
    assertIfMatch(ifMatch, membership.version);
    const ownerRoleId = await this.ownerRoleId(companyId);
    if (membership.roleId === ownerRoleId) {
      if (!self && !(await this.isOwner(principal, ownerRoleId))) throw ownerRequired();
      if (membership.status === 'active' && (await this.memberships.lockActiveWithRole(ownerRoleId)) <= 1) {
        throw lastOwner();
      }
    }
    await this.memberships.softDeleteInCompany(userId);
  }

  private async isOwner(principal: Principal, ownerRoleId: string | null): Promise<boolean> {
    if (!principal.userId || !ownerRoleId) return false;
    const mine = await this.memberships.findInCompany(principal.userId);
    return mine?.roleId === ownerRoleId && mine.status === 'active';
  }

  private async describe(memberships: Membership[]): Promise<MemberResponseDto[]> {
    const users = await this.users.findManyByIds(memberships.map((m) => m.userId));
    const roleIds = [...new Set(memberships.map((m) => m.roleId))];
    const roles = new Map(
      await Promise.all(
        roleIds.map(async (id) => [id, await this.access.findRole(memberships[0].companyId, id)] as const),
      ),
    );
    return memberships.map((m) => {
      const role = roles.get(m.roleId);
      return {
        userId: m.userId,
        name: users.get(m.userId)?.name ?? '',
        email: users.get(m.userId)?.email ?? null,
        roleId: m.roleId,
        role: role ? { id: role.id, key: role.key, name: role.name } : null,
        status: m.status,
        isDefault: m.isDefault,
        joinedVia: m.joinedVia,
        invitedBy: m.invitedBy,
        joinedAt: m.joinedAt.toISOString(),
        version: m.version,
      };
    });
  }
}
