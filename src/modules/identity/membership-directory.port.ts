/**
 * What identity needs to know about company memberships, implemented by the companies module (a
 * downstream module: dependency inversion). Provided application-wide from a @Global() module.
 */
export abstract class MembershipDirectory {
  /** The default membership's company, else the most recent active one; null without any. Used at login. */
  abstract defaultCompanyId(userId: string): Promise<string | null>;
  abstract isActiveMember(userId: string, companyId: string): Promise<boolean>;
  /** Throws 409 `last_owner` while the user is the only owner of a company with other active members. */
  abstract assertAccountDeletable(userId: string): Promise<void>;
  /** Soft-deletes every membership of the user, inside the caller's transaction. */
  abstract removeAllMemberships(userId: string): Promise<void>;
  /**
   * Accepts an invitation for a user who just registered, in the same transaction. Invalid, expired or
   * for another e-mail address -> throws the proper AppError.
   */
  abstract joinByInvitation(invitationToken: string, user: { id: string; email: string }): Promise<void>;
}
