import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentContext } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { OrderStatusHistory } from './entities/order-status-history.entity';
import type { OrderStatus } from './order-state-machine';

/** The status history of orders of the context's company: appended by transitions, never changed. */
@Injectable()
export class OrderHistoryRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get history() {
    return this.txHost.tx.getRepository(OrderStatusHistory);
  }

  /** Records a transition by the context's actor (the system when there is none). */
  async append(orderId: string, from: OrderStatus, to: OrderStatus, reason: string | null): Promise<void> {
    const actor = currentContext().actor;
    await this.history.insert({
      id: uuidv7(),
      companyId: requireCompanyId(),
      orderId,
      fromStatus: from,
      toStatus: to,
      reason,
      actorType: actor?.id ? actor.type : 'system',
      actorId: actor?.id ?? null,
    });
  }

  /** Oldest first; an order has at most a handful of transitions. */
  listOf(orderId: string): Promise<OrderStatusHistory[]> {
    return this.history.find({
      where: { companyId: requireCompanyId(), orderId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}
