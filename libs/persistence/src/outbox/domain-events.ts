import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentContext } from '@libs/core';
import { OutboxEvent } from './outbox-event.entity';

export interface DomainEvent {
  /** `<entity>.<verb>`, declared in the publishing module's EventTypeSet. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** The resource's response DTO (plain JSON). */
  data: unknown;
  /** Defaults to the active company of the context. */
  companyId?: string | null;
}

/**
 * Publishes domain events into the outbox, inside the caller's transaction. Refuses to run outside
 * one: an event written apart from its business change could survive that change's rollback.
 */
@Injectable()
export class DomainEvents {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async publish(...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.txHost.isTransactionActive()) {
      throw new Error('DomainEvents.publish must run inside the business transaction (@Transactional)');
    }
    const companyId = currentContext().companyId ?? null;
    await this.txHost.tx.getRepository(OutboxEvent).insert(
      events.map((event) => ({
        id: uuidv7(),
        companyId: event.companyId === undefined ? companyId : event.companyId,
        type: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        data: event.data as object,
      })),
    );
  }
}
