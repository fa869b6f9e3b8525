import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import type { ProviderType } from '../provider-configs/entities/provider-config.entity';
import { InboundEvent, type InboundEventStatus } from './entities/inbound-event.entity';
import type { InboundEventForHandler } from './inbound-handler-registry';

export interface InboundEventFilter {
  providers?: string[];
  statuses?: InboundEventStatus[];
  /** Inclusive. */
  receivedFrom?: Date;
  /** Exclusive. */
  receivedTo?: Date;
}

export type NewInboundEvent = Pick<
  InboundEvent,
  'id' | 'provider' | 'providerConfigId' | 'externalEventId' | 'eventType' | 'payload'
>;

interface ClaimedRow {
  id: string;
  company_id: string;
  provider_config_id: string;
  config_type: ProviderType;
  provider: string;
  external_event_id: string;
  event_type: string | null;
  payload: unknown;
  received_at: Date;
  attempts: number;
}

/** Inbound events of the request's company (fails closed without one). */
@Injectable()
export class InboundEventsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get events(): Repository<InboundEvent> {
    return this.txHost.tx.getRepository(InboundEvent);
  }

  findById(id: string): Promise<InboundEvent | null> {
    return this.events.findOne({ where: { companyId: requireCompanyId(), id } });
  }

  /** Newest first (keyset on received_at, id). */
  listPage(filter: InboundEventFilter, request: KeysetPageRequest): Promise<Page<InboundEvent>> {
    const query = this.events
      .createQueryBuilder('event')
      .where('event.company_id = :companyId', { companyId: requireCompanyId() });
    if (filter.providers?.length) query.andWhere('event.provider = ANY(:providers)', filter);
    if (filter.statuses?.length) query.andWhere('event.status = ANY(:statuses)', filter);
    if (filter.receivedFrom) query.andWhere('event.received_at >= :receivedFrom', filter);
    if (filter.receivedTo) query.andWhere('event.received_at < :receivedTo', filter);
    return keysetPaginate(
      query,
      { ...request, sort: undefined },
      {
        sortable: { receivedAt: 'event.receivedAt' },
        defaultSort: '-receivedAt',
        tieBreaker: { key: 'id', column: 'event.id' },
      },
    );
  }

  /**
   * Stores the event unless the company already has one with this provider and external id (a
   * redelivery). One statement either way; true when it was new.
   */
  async insertIfNew(event: NewInboundEvent): Promise<boolean> {
    const rows = await this.txHost.tx.query<unknown[]>(
      `INSERT INTO platform.inbound_events
              (id, company_id, provider, provider_config_id, external_event_id, event_type, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (company_id, provider, external_event_id) DO NOTHING
       RETURNING id`,
      [
        event.id,
        requireCompanyId(),
        event.provider,
        event.providerConfigId,
        event.externalEventId,
        event.eventType,
        JSON.stringify(event.payload),
      ],
    );
    return rows.length === 1;
  }

  /**
   * Takes the event for a handler run: `received` (or `processing`, left so by a run that crashed)
   * becomes `processing` and counts an attempt. Null when there is nothing to run: the event is
   * already processed, ignored or failed.
   */
  async claim(id: string): Promise<InboundEventForHandler | null> {
    const [rows] = await this.txHost.tx.query<[ClaimedRow[], number]>(
      `UPDATE platform.inbound_events e
          SET status = 'processing', attempts = e.attempts + 1, error = NULL
         FROM platform.provider_configs c
        WHERE e.company_id = $1 AND e.id = $2 AND e.status IN ('received', 'processing')
          AND c.company_id = e.company_id AND c.id = e.provider_config_id
       RETURNING e.id, e.company_id, e.provider_config_id, c.type AS config_type, e.provider,
                 e.external_event_id, e.event_type, e.payload, e.received_at, e.attempts`,
      [requireCompanyId(), id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      companyId: row.company_id,
      providerConfigId: row.provider_config_id,
      configType: row.config_type,
      provider: row.provider,
      externalEventId: row.external_event_id,
      eventType: row.event_type,
      payload: row.payload,
      receivedAt: row.received_at,
      attempts: row.attempts,
    };
  }

  /** The outcome of a run: `processed` and `ignored` stamp processed_at, `failed` keeps the error. */
  async finish(id: string, status: 'processed' | 'ignored' | 'failed', error: string | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE platform.inbound_events
          SET status = $3, error = $4, processed_at = CASE WHEN $3 = 'failed' THEN NULL ELSE now() END
        WHERE company_id = $1 AND id = $2`,
      [requireCompanyId(), id, status, error],
    );
  }

  /** A failed event back to `received`, for another run; false when it is not (or no longer) failed. */
  async resetFailed(id: string): Promise<boolean> {
    const [, affected] = await this.txHost.tx.query<[unknown[], number]>(
      `UPDATE platform.inbound_events SET status = 'received', error = NULL
        WHERE company_id = $1 AND id = $2 AND status = 'failed'`,
      [requireCompanyId(), id],
    );
    return affected === 1;
  }
}
