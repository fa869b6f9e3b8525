import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** Access tokens live 15 minutes (SPEC §2). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  sub: string;
  sid: string;
  cid: string | null;
  ver: number;
  iat: number;
  exp: number;
}

/**
 * HS256 access tokens. The JwtModule is configured with a KeyObject made once from JWT_SECRET
 * (identity.module.ts), so jsonwebtoken does not rebuild a key per sign/verify (ARCHITECTURE §8).
 */
@Injectable()
export class AccessTokens {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  sign(claims: Omit<AccessClaims, 'iat' | 'exp'>): string {
    return this.jwt.sign({ sub: claims.sub, sid: claims.sid, cid: claims.cid, ver: claims.ver });
  }

  /** The claims of a valid, unexpired token of ours; null for anything else. */
  verify(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<AccessClaims>(token);
      if (
        typeof claims.sub !== 'string' ||
        typeof claims.sid !== 'string' ||
        typeof claims.ver !== 'number' ||
        (claims.cid !== null && typeof claims.cid !== 'string')
      )
        return null;
      return claims;
    } catch {
      return null;
    }
  }
}
