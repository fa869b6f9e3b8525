import { Inject, Injectable } from '@nestjs/common';
import {
  type PermissionScope,
  type PresentedCredentials,
  type Principal,
  PrincipalResolver,
} from '@libs/core';
import { AccessService, API_KEY_PATTERN } from '../access';
import { IdentityAuthenticator } from '../identity';
import { MembershipsRepository } from './memberships.repository';

const NO_PERMISSIONS: ReadonlyMap<string, PermissionScope> = new Map();

/**
 * Bearer -> Principal. API keys are bound to a company and a role; access JWTs are verified by identity,
 * and their `cid` counts only while the user's membership there is active (else `companyId: null`, so
 * routes needing a permission answer 403 `no_active_company`). Permissions are read per request.
 */
@Injectable()
export class CompaniesPrincipalResolver extends PrincipalResolver {
  constructor(
    @Inject(IdentityAuthenticator) private readonly identity: IdentityAuthenticator,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(MembershipsRepository) private readonly memberships: MembershipsRepository,
  ) {
    super();
  }

  async resolve({ bearer }: PresentedCredentials): Promise<Principal | null> {
    if (API_KEY_PATTERN.test(bearer)) {
      const key = await this.access.authenticateApiKey(bearer);
      if (!key) return null;
      return {
        type: 'api_key',
        id: key.apiKeyId,
        userId: null,
        sessionId: null,
        companyId: key.companyId,
        permissions: await this.access.permissionsOfRole(key.companyId, key.roleId),
        isPlatformAdmin: false,
      };
    }
    const session = await this.identity.authenticateAccessToken(bearer);
    if (!session) return null;
    const membership = session.companyId
      ? await this.memberships.findActive(session.userId, session.companyId)
      : null;
    const companyId = membership ? session.companyId : null;
    return {
      type: 'user',
      id: session.userId,
      userId: session.userId,
      sessionId: session.sessionId,
      companyId,
      permissions:
        membership && companyId
          ? await this.access.permissionsOfRole(companyId, membership.roleId)
          : NO_PERMISSIONS,
      isPlatformAdmin: session.isPlatformAdmin,
    };
  }
}
