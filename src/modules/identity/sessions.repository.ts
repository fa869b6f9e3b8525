import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { Session } from './entities/session.entity';

export const SESSION_IDLE_MS = 30 * 24 * 3600_000;
export const SESSION_ABSOLUTE_MS = 90 * 24 * 3600_000;

export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'reuse'
  | 'password_reset'
  | 'password_changed'
  | 'revoked'
  | 'disabled'
  | 'deleted';

@Injectable()
export class SessionsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get repo(): Repository<Session> {
    return this.txHost.tx.getRepository(Session);
  }

  async insert(session: Omit<Session, 'createdAt' | 'revokedAt' | 'revokeReason'>): Promise<void> {
    await this.repo.insert(session);
  }

  findById(id: string): Promise<Session | null> {
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Swaps the refresh hash if (and only if) `oldHash` is still the current one of a live session: two
   * concurrent refreshes with one token cannot both win. Sliding expiry capped by the absolute one.
   */
  async rotate(
    id: string,
    oldHash: string,
    newHash: string,
  ): Promise<Pick<Session, 'id' | 'userId' | 'companyId'> | null> {
    const rows = await this.txHost.tx.query<[Array<Pick<Session, 'id' | 'userId' | 'companyId'>>, number]>(
      `UPDATE identity.sessions
          SET refresh_hash = $3, last_used_at = now(),
              expires_at = LEAST(now() + interval '${SESSION_IDLE_MS / 1000} seconds', absolute_expires_at)
        WHERE id = $1 AND refresh_hash = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id, user_id AS "userId", company_id AS "companyId"`,
      [id, oldHash, newHash],
    );
    return rows[0][0] ?? null;
  }

  /** Sets a new refresh hash (and optionally the company) on a live session of the user. */
  async reissue(id: string, userId: string, newHash: string, companyId?: string | null): Promise<boolean> {
    const qb = this.repo
      .createQueryBuilder()
      .update(Session)
      .set({
        refreshHash: newHash,
        lastUsedAt: () => 'now()',
        ...(companyId !== undefined ? { companyId } : {}),
      })
      .where('id = :id AND user_id = :userId AND revoked_at IS NULL AND expires_at > now()', { id, userId });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  async revoke(id: string, reason: RevokeReason, userId?: string): Promise<boolean> {
    const qb = this.repo
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id });
    if (userId) qb.andWhere('user_id = :userId', { userId });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  async revokeAllOfUser(userId: string, reason: RevokeReason, exceptSessionId?: string): Promise<number> {
    const qb = this.repo
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) qb.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await qb.execute();
    return result.affected ?? 0;
  }

  /** Live sessions of the user, most recently used first. */
  listLive(userId: string): Promise<Session[]> {
    return this.repo
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > now()', { userId })
      .orderBy('s.last_used_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }
}
