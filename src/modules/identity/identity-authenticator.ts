import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AccessTokens } from './access-tokens';

export interface AuthenticatedSession {
  userId: string;
  sessionId: string;
  companyId: string | null;
  isPlatformAdmin: boolean;
}

/**
 * The per-request hot path: verifies an access JWT (HS256, KeyObject built once), then, in ONE SQL
 * statement, that its session is neither revoked nor expired, the user active, and `ver` the user's
 * current token_version. Null on any failure.
 */
@Injectable()
export class IdentityAuthenticator {
  constructor(
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async authenticateAccessToken(token: string): Promise<AuthenticatedSession | null> {
    const claims = this.accessTokens.verify(token);
    if (!claims) return null;
    // A named prepared statement straight on the pool: parsed and planned once per connection.
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const { rows } = await pool.query<{ is_platform_admin: boolean }>({
      name: 'identity_authenticate_access_token',
      text: `SELECT u.is_platform_admin
                 FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
                WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
                  AND u.status = 'active' AND u.deleted_at IS NULL AND u.token_version = $3`,
      values: [claims.sid, claims.sub, claims.ver],
    });
    if (!rows.length) return null;
    return {
      userId: claims.sub,
      sessionId: claims.sid,
      companyId: claims.cid,
      isPlatformAdmin: rows[0].is_platform_admin,
    };
  }
}
