import type { PresentedCredentials, Principal } from './principal';

/**
 * Turns presented credentials into a Principal, or null when they are not valid (bad signature,
 * expired, revoked session, stale token version, suspended membership, revoked API key...): the
 * guard then answers 401. Implemented by the module that can see users, memberships and roles, and
 * provided to the application under this class as token.
 */
export abstract class PrincipalResolver {
  abstract resolve(credentials: PresentedCredentials): Promise<Principal | null>;
}
