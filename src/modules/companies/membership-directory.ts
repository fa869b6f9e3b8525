import { Inject, Injectable } from '@nestjs/common';
import { MembershipDirectory } from '../identity';
import { AccessService } from '../access';
import { lastOwner } from './companies.errors';
import { InvitationsService } from './invitations.service';
import { MembershipsRepository } from './memberships.repository';
import { OWNER_ROLE_KEY } from './memberships.service';

/** identity's port, implemented over companies.memberships (dependency inversion: identity is upstream). */
@Injectable()
export class CompaniesMembershipDirectory extends MembershipDirectory {
  constructor(
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {
    super();
  }

  defaultCompanyId(userId: string): Promise<string | null> {
    return this.memberships.defaultCompanyId(userId);
  }

  async isActiveMember(userId: string, companyId: string): Promise<boolean> {
    return (await this.memberships.findActive(userId, companyId)) !== null;
  }

  /** 409 `last_owner` while the user is the only active owner of a company that has other active members. */
  async assertAccountDeletable(userId: string): Promise<void> {
    for (const membership of await this.memberships.listOfUser(userId)) {
      if (membership.status !== 'active') continue;
      const ownerRoleId = await this.access.roleIdByKey(membership.companyId, OWNER_ROLE_KEY);
      if (!ownerRoleId || membership.roleId !== ownerRoleId) continue;
      const owners = await this.memberships.countActiveWithRoleIn(membership.companyId, ownerRoleId);
      if (owners <= 1 && (await this.memberships.countActiveOthers(membership.companyId, userId)) > 0) {
        throw lastOwner();
      }
    }
  }

  async removeAllMemberships(userId: string): Promise<void> {
    await this.memberships.softDeleteAllOfUser(userId);
  }

  async joinByInvitation(invitationToken: string, user: { id: string; email: string }): Promise<void> {
    await this.invitations.acceptFor(user, invitationToken);
  }
}
