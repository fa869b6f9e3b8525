import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type Page, type PermissionScope, type Principal } from '@libs/core';
import { generateToken, hashToken } from '@libs/security';
import { AccessService } from '../access';
import { UserDirectory } from '../identity';
import { Mailer } from '../mail';
import {
  CompaniesError,
  CompaniesErrorCode,
  notFound,
  ownerRequired,
  referenceNotFound,
} from './companies.errors';
import { CompaniesRepository } from './companies.repository';
import type {
  CreateInvitationDto,
  InvitationInspectionDto,
  InvitationResponseDto,
  ListInvitationsQueryDto,
} from './dto/member.dto';
import type { Invitation } from './entities/invitation.entity';
import type { Membership } from './entities/membership.entity';
import { InvitationsRepository } from './invitations.repository';
import { MembershipsRepository } from './memberships.repository';
import { requireCompanyId } from '@libs/persistence';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const RESEND_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_RESENDS_PER_WINDOW = 5;

const fail = (status: number, code: CompaniesErrorCode, detail: string) =>
  new CompaniesError(status, code, detail);

export function toInvitationResponse(i: Invitation): InvitationResponseDto {
  return {
    id: i.id,
    email: i.email,
    roleId: i.roleId,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    invitedBy: i.invitedBy,
    acceptedBy: i.acceptedBy,
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
    resendCount: i.resendCount,
    lastSentAt: i.lastSentAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    version: i.version,
  };
}

/** Does `granted` cover every permission of `wanted` (an `own` grant does not cover `all`)? */
export function covers(
  granted: ReadonlyMap<string, PermissionScope>,
  wanted: ReadonlyMap<string, PermissionScope>,
): boolean {
  for (const [key, scope] of wanted) {
    const mine = granted.get(key);
    if (!mine || (mine === 'own' && scope === 'all')) return false;
  }
  return true;
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(UserDirectory) private readonly users: UserDirectory,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  /** A transaction: listing first expires overdue invitations, a write the audit log records. */
  @Transactional()
  async list(query: ListInvitationsQueryDto): Promise<Page<InvitationResponseDto>> {
    const page = await this.invitations.listPage(query);
    return { data: page.data.map(toInvitationResponse), page: page.page };
  }

  @Transactional()
  async create(principal: Principal, dto: CreateInvitationDto): Promise<InvitationResponseDto> {
    const companyId = requireCompanyId();
    const role = await this.access.findRole(companyId, dto.roleId);
    if (!role) throw referenceNotFound('roleId', 'The role');
    if (role.systemKey === 'owner') {
      const mine = principal.userId ? await this.memberships.findInCompany(principal.userId) : null;
      if (mine?.roleId !== role.id) throw ownerRequired();
    }
    const rolePermissions = await this.access.permissionsOfRole(companyId, dto.roleId);
    if (!covers(principal.permissions, rolePermissions)) {
      throw fail(
        403,
        CompaniesErrorCode.PrivilegeEscalation,
        'You cannot invite with a role wider than your own',
      );
    }
    const existingUserId = await this.users.findIdByEmail(dto.email);
    if (existingUserId && (await this.memberships.findInCompany(existingUserId))) {
      throw fail(
        409,
        CompaniesErrorCode.AlreadyMember,
        'This e-mail address belongs to a member of the company',
      );
    }
    await this.invitations.expireOverdue(companyId);
    if (await this.invitations.findPendingByEmail(dto.email)) {
      throw fail(
        409,
        CompaniesErrorCode.InvitationPending,
        'An invitation is already pending for this address: resend it',
      );
    }
    const token = generateToken();
    const now = new Date();
    const invitation = await this.invitations.insert({
      email: dto.email,
      roleId: dto.roleId,
      tokenHash: hashToken(token),
      status: 'pending',
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      invitedBy: principal.userId,
      resendCount: 0,
      lastSentAt: now,
    });
    await this.sendMail(invitation, token, principal);
    return toInvitationResponse(invitation);
  }

  @Transactional()
  async resend(principal: Principal, id: string): Promise<InvitationResponseDto> {
    const invitation = await this.invitations.findInCompany(id);
    if (!invitation) throw notFound('Invitation');
    if (invitation.status === 'accepted' || invitation.status === 'revoked') {
      throw fail(409, CompaniesErrorCode.InvitationNotPending, `The invitation is ${invitation.status}`);
    }
    const now = new Date();
    const inWindow = now.getTime() - invitation.lastSentAt.getTime() < RESEND_WINDOW_MS;
    const count = inWindow ? invitation.resendCount : 0;
    if (count >= MAX_RESENDS_PER_WINDOW) {
      throw new CompaniesError(429, CompaniesErrorCode.TooManyResends, 'At most 5 resends per 24 hours', {
        headers: {
          'Retry-After': String(
            Math.ceil((invitation.lastSentAt.getTime() + RESEND_WINDOW_MS - now.getTime()) / 1000),
          ),
        },
      });
    }
    const token = generateToken();
    invitation.tokenHash = hashToken(token);
    invitation.status = 'pending';
    invitation.expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    invitation.resendCount = count + 1;
    invitation.lastSentAt = now;
    const saved = await this.invitations.save(invitation);
    await this.sendMail(saved, token, principal);
    return toInvitationResponse(saved);
  }

  @Transactional()
  async revoke(id: string): Promise<void> {
    const invitation = await this.invitations.findInCompany(id);
    if (!invitation) throw notFound('Invitation');
    if (invitation.status === 'revoked') return;
    if (invitation.status === 'accepted') {
      throw fail(409, CompaniesErrorCode.InvitationNotPending, 'The invitation has already been accepted');
    }
    invitation.status = 'revoked';
    invitation.revokedAt = new Date();
    await this.invitations.save(invitation);
  }

  async inspect(token: string): Promise<InvitationInspectionDto> {
    const invitation = await this.usable(token, false, true);
    const [company, role] = await Promise.all([
      this.companies.findById(invitation.companyId),
      this.access.findRole(invitation.companyId, invitation.roleId),
    ]);
    return {
      companyName: company?.name ?? '',
      roleName: role?.name ?? '',
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISOString(),
      status: invitation.status,
    };
  }

  /** The signed-in user accepts: creates the membership and marks the invitation accepted, in one transaction. */
  @Transactional()
  async accept(userId: string, token: string): Promise<Membership> {
    const user = await this.users.findById(userId);
    if (!user?.email) throw notFound('User');
    return this.acceptFor({ id: user.id, email: user.email }, token);
  }

  /** Shared by accept and registration with an invitation token (runs in the caller's transaction). */
  async acceptFor(user: { id: string; email: string }, token: string): Promise<Membership> {
    const invitation = await this.usable(token, true, false);
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw fail(
        403,
        CompaniesErrorCode.InvitationEmailMismatch,
        'This invitation was sent to another e-mail address',
      );
    }
    const existing = await this.memberships.findOfUser(user.id, invitation.companyId);
    if (existing)
      throw fail(409, CompaniesErrorCode.AlreadyMember, 'You are already a member of this company');
    const first = !(await this.memberships.hasAny(user.id));
    const membership = await this.memberships.insert({
      companyId: invitation.companyId,
      userId: user.id,
      roleId: invitation.roleId,
      status: 'active',
      isDefault: first,
      joinedVia: 'invitation',
      invitedBy: invitation.invitedBy,
    });
    invitation.status = 'accepted';
    invitation.acceptedBy = user.id;
    invitation.acceptedAt = new Date();
    await this.invitations.save(invitation, invitation.companyId);
    return membership;
  }

  /**
   * The invitation of a token: unknown -> 404; for accept also revoked/expired -> 410 and accepted -> 409.
   * Inspect shows any state (it is how a client learns it).
   */
  private async usable(token: string, lock: boolean, anyState: boolean): Promise<Invitation> {
    const invitation = await this.invitations.findByTokenHash(hashToken(token), lock);
    if (!invitation || invitation.deletedAt) {
      throw fail(404, CompaniesErrorCode.InvitationNotFound, 'No invitation matches this token');
    }
    if (invitation.status === 'pending' && invitation.expiresAt.getTime() <= Date.now()) {
      invitation.status = 'expired';
      if (lock) await this.invitations.save(invitation, invitation.companyId);
    }
    if (anyState) return invitation;
    if (invitation.status === 'accepted') {
      throw fail(
        409,
        CompaniesErrorCode.InvitationAlreadyAccepted,
        'This invitation has already been accepted',
      );
    }
    if (invitation.status === 'revoked')
      throw fail(410, CompaniesErrorCode.InvitationRevoked, 'This invitation was revoked');
    if (invitation.status === 'expired')
      throw fail(410, CompaniesErrorCode.InvitationExpired, 'This invitation has expired');
    return invitation;
  }

  private async sendMail(invitation: Invitation, token: string, principal: Principal): Promise<void> {
    const company = await this.companies.findById(invitation.companyId);
    const inviter = principal.userId ? await this.users.findById(principal.userId) : null;
    await this.mailer.queue({
      to: invitation.email,
      template: 'invitation',
      companyId: invitation.companyId,
      locale: company?.locale,
      variables: {
        token,
        companyName: company?.name ?? 'a company',
        inviterName: inviter?.name ?? 'Someone',
      },
    });
  }
}
