import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const AUTH_REQUIREMENT_KEY = 'cornerstone:auth';

/** What a route demands of its caller. */
export interface AuthRequirement {
  /** A permission key `<domain>.<resource>.<action>` the principal must hold in its active company. */
  permission?: string;
  /** Only platform administrators (installation-level operations, e.g. managing users). */
  platformAdmin?: boolean;
}

/**
 * The one decorator of every non-public route: authentication, the permission it needs, and its
 * OpenAPI security and 401/403 answers. `@Auth()` = any signed-in principal;
 * `@Auth('customers.customer.read')` = that permission in the active company;
 * `@Auth({ platformAdmin: true })` = installation operators only.
 */
export function Auth(requirement: string | AuthRequirement = {}): MethodDecorator & ClassDecorator {
  const normalized: AuthRequirement =
    typeof requirement === 'string' ? { permission: requirement } : requirement;
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT_KEY, normalized),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired credentials' }),
    ApiForbiddenResponse({
      description: normalized.permission
        ? `Requires the permission \`${normalized.permission}\` in the active company`
        : normalized.platformAdmin
          ? 'Requires a platform administrator'
          : 'Signed in, but not allowed',
    }),
  );
}
