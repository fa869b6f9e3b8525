/** How a permission applies: to every row of the company, or only to rows the principal owns. */
export type PermissionScope = 'all' | 'own';

/**
 * Who is calling, as resolved once per request from a bearer token (user session) or an API key.
 * Permissions are read per request (never from the token), so role changes apply at once.
 */
export interface Principal {
  type: 'user' | 'api_key';
  /** The user id, or the API key id. Written into created_by / updated_by. */
  id: string;
  /** The signed-in user (null for API keys). */
  userId: string | null;
  /** The user's session (null for API keys). */
  sessionId: string | null;
  /** The active company: the token's `cid` or the API key's company; null when the user has none. */
  companyId: string | null;
  /** Permission key -> scope, in the active company. */
  permissions: ReadonlyMap<string, PermissionScope>;
  /** Operates the installation (users); no implicit access to any company's data. */
  isPlatformAdmin: boolean;
}

/** The credentials a request presents, as read from its headers. */
export interface PresentedCredentials {
  /** The token of `Authorization: Bearer <token>`: an access JWT or an API key. */
  bearer: string;
  ip: string | undefined;
}
