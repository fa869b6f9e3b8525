import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AppError, CoreErrorCode, type Principal } from '@libs/core';
import { SessionService, type TokenPairDto, UserDirectory } from '../identity';
import { notAMember, notFound } from './companies.errors';
import { CompaniesService } from './companies.service';
import type { MeResponseDto, PermissionGrantDto } from './dto/member.dto';
import { MembershipsRepository } from './memberships.repository';

/** The `/auth/*` routes that need memberships: switch company, me, my permissions. */
@Injectable()
export class MeService {
  constructor(
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(UserDirectory) private readonly users: UserDirectory,
  ) {}

  @Transactional()
  async switchCompany(principal: Principal, companyId: string, makeDefault = false): Promise<TokenPairDto> {
    if (!principal.userId || !principal.sessionId) {
      throw new AppError(403, CoreErrorCode.Forbidden, 'Only a signed-in user can switch company');
    }
    if (!(await this.memberships.findActive(principal.userId, companyId))) throw notAMember();
    if (makeDefault) await this.memberships.makeDefault(principal.userId, companyId);
    return this.sessions.switchCompany(principal.userId, principal.sessionId, companyId);
  }

  permissions(principal: Principal): PermissionGrantDto[] {
    return [...principal.permissions]
      .map(([key, scope]) => ({ key, scope }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  async me(principal: Principal): Promise<MeResponseDto> {
    if (!principal.userId)
      throw new AppError(403, CoreErrorCode.Forbidden, 'Only a signed-in user has a profile');
    const user = await this.users.findById(principal.userId);
    if (!user) throw notFound('User');
    return {
      user,
      activeCompanyId: principal.companyId,
      memberships: await this.companies.mine(principal.userId),
      permissions: this.permissions(principal),
    };
  }
}
