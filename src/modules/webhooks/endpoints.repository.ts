import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId, softDelete } from '@libs/persistence';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { entityFromRaw } from './entity-from-raw';

export const ENDPOINT_SORT = { keys: ['createdAt', 'url'], default: '-createdAt' } as const;

export type NewEndpoint = Pick<
  WebhookEndpoint,
  'id' | 'url' | 'description' | 'eventTypes' | 'secretCiphertext'
>;

export type EndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'secretCiphertext'
    | 'previousSecretCiphertext'
    | 'previousSecretExpiresAt'
    | 'enabled'
    | 'consecutiveFailures'
    | 'disabledAt'
    | 'disabledReason'
  >
>;

/** Webhook endpoints of the context's company (tenant-owned: every query is filtered by company). */
@Injectable()
export class EndpointsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get endpoints(): Repository<WebhookEndpoint> {
    return this.txHost.tx.getRepository(WebhookEndpoint);
  }

  /** The live endpoint (not soft-deleted) of the company, or null. */
  findById(id: string): Promise<WebhookEndpoint | null> {
    return this.endpoints.findOne({ where: { companyId: requireCompanyId(), id } });
  }

  listPage(request: KeysetPageRequest & { enabled?: boolean }): Promise<Page<WebhookEndpoint>> {
    const query = this.endpoints
      .createQueryBuilder('endpoint')
      .where('endpoint.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.enabled !== undefined)
      query.andWhere('endpoint.enabled = :enabled', { enabled: request.enabled });
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'endpoint.createdAt', url: 'endpoint.url' },
      defaultSort: ENDPOINT_SORT.default,
      tieBreaker: { key: 'id', column: 'endpoint.id' },
    });
  }

  /** Inserts with RETURNING: the defaults (timestamps, version, enabled) land on the returned entity. */
  async insert(endpoint: NewEndpoint): Promise<WebhookEndpoint> {
    const actor = currentActorId();
    const row = this.endpoints.create({
      ...endpoint,
      companyId: requireCompanyId(),
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      disabledAt: null,
      disabledReason: null,
      createdBy: actor,
      updatedBy: actor,
    });
    await this.endpoints.insert(row);
    return row;
  }

  /**
   * Applies changes and bumps the version if the row still has `version` (optimistic lock), in one
   * statement that returns the new row; null when it changed meanwhile or is gone.
   */
  async update(id: string, version: number, changes: EndpointChanges): Promise<WebhookEndpoint | null> {
    const result = await this.endpoints
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ ...changes, updatedBy: currentActorId(), version: () => 'version + 1' })
      .where('company_id = :companyId AND id = :id AND version = :version AND deleted_at IS NULL', {
        companyId: requireCompanyId(),
        id,
        version,
      })
      .returning('*')
      .callListeners(false)
      .execute();
    const [raw] = result.raw as Array<Record<string, unknown>>;
    return raw ? entityFromRaw(this.endpoints, raw) : null;
  }

  /** Soft-deletes the endpoint if it still has `version`; false when it changed meanwhile. */
  async softDelete(id: string, version: number): Promise<boolean> {
    const deleted = await softDelete(
      this.txHost.tx,
      WebhookEndpoint,
      'company_id = :companyId AND id = :id AND version = :version',
      { companyId: requireCompanyId(), id, version },
    );
    return deleted === 1;
  }
}
