import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { WebhookDelivery, type WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { entityFromRaw } from './entity-from-raw';

export const DELIVERY_SORT = { keys: ['createdAt'], default: '-createdAt' } as const;

export interface DeliveryFilter {
  status?: WebhookDeliveryStatus[];
  eventType?: string;
}

/** A delivery with the state of its endpoint, which decides whether it may be redelivered. */
export interface DeliveryWithEndpoint {
  delivery: WebhookDelivery;
  endpointEnabled: boolean;
}

/** The delivery log of the context's company, as the API reads it (tenant-owned). */
@Injectable()
export class DeliveriesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get deliveries(): Repository<WebhookDelivery> {
    return this.txHost.tx.getRepository(WebhookDelivery);
  }

  listPage(endpointId: string, request: KeysetPageRequest & DeliveryFilter): Promise<Page<WebhookDelivery>> {
    const query = this.deliveries
      .createQueryBuilder('delivery')
      .where('delivery.company_id = :companyId AND delivery.endpoint_id = :endpointId', {
        companyId: requireCompanyId(),
        endpointId,
      });
    if (request.status?.length) query.andWhere('delivery.status IN (:...status)', { status: request.status });
    if (request.eventType)
      query.andWhere('delivery.event_type = :eventType', { eventType: request.eventType });
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'delivery.createdAt' },
      defaultSort: DELIVERY_SORT.default,
      tieBreaker: { key: 'id', column: 'delivery.id' },
    });
  }

  /** The attempts of several deliveries, oldest first: delivery id -> attempts. */
  async attemptsOf(deliveryIds: readonly string[]): Promise<Map<string, WebhookDeliveryAttempt[]>> {
    const result = new Map<string, WebhookDeliveryAttempt[]>(deliveryIds.map((id) => [id, []]));
    if (deliveryIds.length === 0) return result;
    const attempts = await this.txHost.tx
      .getRepository(WebhookDeliveryAttempt)
      .createQueryBuilder('attempt')
      .where('attempt.company_id = :companyId AND attempt.delivery_id IN (:...deliveryIds)', {
        companyId: requireCompanyId(),
        deliveryIds,
      })
      .orderBy('attempt.started_at', 'ASC')
      .addOrderBy('attempt.id', 'ASC')
      .getMany();
    for (const attempt of attempts) result.get(attempt.deliveryId)?.push(attempt);
    return result;
  }

  /** A delivery of the company whose endpoint is not deleted (a deleted endpoint's log is gone for the API). */
  async findWithEndpoint(id: string): Promise<DeliveryWithEndpoint | null> {
    const row = await this.deliveries
      .createQueryBuilder('delivery')
      .innerJoin(
        WebhookEndpoint,
        'endpoint',
        'endpoint.company_id = delivery.company_id AND endpoint.id = delivery.endpoint_id AND endpoint.deleted_at IS NULL',
      )
      .addSelect('endpoint.enabled', 'endpoint_enabled')
      .where('delivery.company_id = :companyId AND delivery.id = :id', { companyId: requireCompanyId(), id })
      .getRawAndEntities();
    const [delivery] = row.entities;
    if (!delivery) return null;
    return { delivery, endpointEnabled: (row.raw[0] as { endpoint_enabled: boolean }).endpoint_enabled };
  }

  /** Starts a new attempt series now (same event, so the same `webhook-id`); returns the row. */
  async restart(id: string): Promise<WebhookDelivery> {
    const result = await this.deliveries
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: () => 'now()' })
      .where('company_id = :companyId AND id = :id', { companyId: requireCompanyId(), id })
      .returning('*')
      .execute();
    const [raw] = result.raw as Array<Record<string, unknown>>;
    return entityFromRaw(this.deliveries, raw);
  }
}
