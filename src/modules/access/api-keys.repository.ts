import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { ApiKey } from './entities/api-key.entity';

export const API_KEY_SORT = { keys: ['createdAt', 'name'], default: '-createdAt' } as const;

/** `last_used_at` is written at most this often per key (a write per request would be a hot row). */
export const LAST_USED_RESOLUTION_SECONDS = 60;

export interface AuthenticatedApiKey {
  apiKeyId: string;
  companyId: string;
  roleId: string;
}

/** API keys (tenant-owned; every query but `authenticate` is filtered by the context's company). */
@Injectable()
export class ApiKeysRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get keys(): Repository<ApiKey> {
    return this.txHost.tx.getRepository(ApiKey);
  }

  async insert(key: Pick<ApiKey, 'name' | 'prefix' | 'keyHash' | 'roleId' | 'expiresAt'>): Promise<ApiKey> {
    const actor = currentActorId();
    const row = this.keys.create({
      ...key,
      id: uuidv7(),
      companyId: requireCompanyId(),
      createdBy: actor,
      updatedBy: actor,
    });
    await this.keys.insert(row);
    return (await this.findById(row.id)) as ApiKey;
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.keys.findOne({ where: { companyId: requireCompanyId(), id } });
  }

  listPage(request: KeysetPageRequest & { roleId?: string; revoked?: boolean }): Promise<Page<ApiKey>> {
    const query = this.keys
      .createQueryBuilder('apiKey')
      .where('apiKey.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.roleId) query.andWhere('apiKey.role_id = :roleId', { roleId: request.roleId });
    if (request.revoked !== undefined) {
      query.andWhere(request.revoked ? 'apiKey.revoked_at IS NOT NULL' : 'apiKey.revoked_at IS NULL');
    }
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'apiKey.createdAt', name: 'apiKey.name' },
      defaultSort: API_KEY_SORT.default,
      tieBreaker: { key: 'id', column: 'apiKey.id' },
    });
  }

  /** Applies changes if the row still has `version`; false when it changed meanwhile (or is gone). */
  async update(
    id: string,
    version: number,
    changes: Partial<Pick<ApiKey, 'name' | 'expiresAt'>> & { revoke?: boolean },
  ): Promise<boolean> {
    const { revoke, ...fields } = changes;
    const actor = currentActorId();
    const result = await this.keys
      .createQueryBuilder()
      .update(ApiKey)
      .set({
        ...fields,
        ...(revoke ? { revokedAt: () => 'now()', revokedBy: actor } : {}),
        updatedBy: actor,
        version: () => 'version + 1',
      })
      .where('company_id = :companyId AND id = :id AND version = :version', {
        companyId: requireCompanyId(),
        id,
        version,
      })
      .callListeners(false)
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /**
   * The per-request lookup of a presented key, in ONE round trip: the live key with this hash (not
   * revoked, not expired), and — at most once a minute per key — its `last_used_at`/`last_used_ip`.
   * Deliberately not tenant-filtered: the key is what tells which company the request acts in.
   */
  async authenticate(keyHash: string, ip: string | null): Promise<AuthenticatedApiKey | null> {
    const rows = await this.txHost.tx.query<AuthenticatedApiKey[]>(
      `WITH key AS (
         SELECT id, company_id, role_id, last_used_at FROM access.api_keys
          WHERE key_hash = $1 AND revoked_at IS NULL AND deleted_at IS NULL
            AND (expires_at IS NULL OR expires_at > now())
       ), touched AS (
         UPDATE access.api_keys a SET last_used_at = now(), last_used_ip = $2::inet
           FROM key
          WHERE a.id = key.id
            AND (key.last_used_at IS NULL OR key.last_used_at < now() - interval '${LAST_USED_RESOLUTION_SECONDS} seconds')
       )
       SELECT id AS "apiKeyId", company_id AS "companyId", role_id AS "roleId" FROM key`,
      [keyHash, ip],
    );
    return rows[0] ?? null;
  }
}
