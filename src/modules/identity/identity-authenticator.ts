import { Inject, Injectable } from '@nestjs/common';
import { prepared, PreparedQueries } from '@libs/persistence';
import { AccessTokens } from './access-tokens';

export interface AuthenticatedSession {
  userId: string;
  sessionId: string;
  companyId: string | null;
  isPlatformAdmin: boolean;
}

const LIVE_SESSION = prepared(
  'identity.live-session',
  `SELECT u.is_platform_admin AS "isPlatformAdmin"
     FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
    WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
      AND u.status = 'active' AND u.deleted_at IS NULL AND u.token_version = $3`,
);

/**
 * The per-request hot path: verifies an access JWT (HS256, KeyObject built once), then, in ONE prepared
 * SQL statement, that its session is neither revoked nor expired, the user active, and `ver` the user's
 * current token_version. Null on any failure.
 */
@Injectable()
export class IdentityAuthenticator {
  constructor(
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(PreparedQueries) private readonly sql: PreparedQueries,
  ) {}

  async authenticateAccessToken(token: string): Promise<AuthenticatedSession | null> {
    const claims = this.accessTokens.verify(token);
    if (!claims) return null;
    const row = await this.sql.first<{ isPlatformAdmin: boolean }>(LIVE_SESSION, [
      claims.sid,
      claims.sub,
      claims.ver,
    ]);
    if (!row) return null;
    return {
      userId: claims.sub,
      sessionId: claims.sid,
      companyId: claims.cid,
      isPlatformAdmin: row.isPlatformAdmin,
    };
  }
}
