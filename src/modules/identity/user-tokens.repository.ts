import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { generateToken, hashToken } from '@libs/security';
import { type TokenPurpose, UserToken } from './entities/user-token.entity';

/** SPEC §2: verify_email 24 h, change_email 24 h, reset_password 1 h, set_password 72 h. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  change_email: 24 * 3600_000,
  reset_password: 3600_000,
  set_password: 72 * 3600_000,
};

@Injectable()
export class UserTokensRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Creates a token and returns the plain value (for the mail body only); the row keeps its sha256. */
  async issue(
    userId: string,
    purpose: TokenPurpose,
    payload: Record<string, string> | null = null,
  ): Promise<string> {
    const token = generateToken();
    await this.txHost.tx.getRepository(UserToken).insert({
      id: uuidv7(),
      userId,
      purpose,
      tokenHash: hashToken(token),
      payload,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
    });
    return token;
  }

  /**
   * Marks the token used if it is unused, unexpired and of one of the purposes, atomically (a token
   * presented twice at once is consumed once). Null for unknown, expired, used and other purposes alike.
   */
  async consume(token: string, purposes: TokenPurpose[]): Promise<UserToken | null> {
    const [rows] = await this.txHost.tx.query<[UserToken[], number]>(
      `UPDATE identity.user_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = ANY($2) AND used_at IS NULL AND expires_at > now()
        RETURNING id, user_id AS "userId", purpose, payload`,
      [hashToken(token), purposes],
    );
    return rows[0] ?? null;
  }

  /** Tokens of this purpose issued to the user since `since` (rate limit of forgot-password). */
  countSince(userId: string, purpose: TokenPurpose, since: Date): Promise<number> {
    return this.txHost.tx
      .getRepository(UserToken)
      .createQueryBuilder('t')
      .where('t.user_id = :userId AND t.purpose = :purpose AND t.created_at >= :since', {
        userId,
        purpose,
        since,
      })
      .getCount();
  }

  /** Retires the open tokens of a purpose (a new one replaces them; a reset consumes the others too). */
  async retireOpen(userId: string, purposes: TokenPurpose[]): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE identity.user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = ANY($2) AND used_at IS NULL`,
      [userId, purposes],
    );
  }
}
