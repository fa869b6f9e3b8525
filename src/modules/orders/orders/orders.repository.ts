import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId, softDelete } from '@libs/persistence';
import { ORDER_SORT } from './dto/list-orders.query.dto';
import { Order } from './entities/order.entity';
import type { OrderStatus } from './order-state-machine';

export interface OrderFilters {
  status?: OrderStatus[];
  customerId?: string;
  number?: string;
  createdFrom?: Date;
  createdTo?: Date;
  submittedFrom?: Date;
  submittedTo?: Date;
}

/** What a change may write: plain values, or SQL for `now()`. */
export type OrderChanges = Partial<
  Pick<
    Order,
    | 'customerId'
    | 'currency'
    | 'notes'
    | 'externalRefs'
    | 'status'
    | 'number'
    | 'subtotal'
    | 'discountTotal'
    | 'taxTotal'
    | 'total'
    | 'cancelReason'
  >
> &
  Partial<Record<'submittedAt' | 'confirmedAt' | 'fulfilledAt' | 'completedAt' | 'cancelledAt', Date>>;

/** Sort keys whose columns are null on drafts: such a sort lists only the orders that have them. */
const NULLABLE_SORT_COLUMNS: Record<string, string> = {
  submittedAt: 'o.submitted_at IS NOT NULL',
  number: 'o.number IS NOT NULL',
};

/**
 * Orders of the context's company (requireCompanyId fails closed without one). Soft-deleted orders
 * (deleted drafts) are invisible. Writers lock the row first (`findLive(id, true)`) and write under
 * its version, so a stale If-Match is caught however many requests race.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get orders(): Repository<Order> {
    return this.txHost.tx.getRepository(Order);
  }

  /** A live order of the company; `lock` holds it FOR UPDATE until the transaction ends. */
  findLive(id: string, lock = false): Promise<Order | null> {
    const query = this.orders
      .createQueryBuilder('o')
      .where('o.company_id = :companyId AND o.id = :id', { companyId: requireCompanyId(), id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Inserts a draft (its id made by the caller, who prices its lines first); RETURNING fills the defaults (timestamps, version) into the entity. */
  async insert(
    fields: Pick<
      Order,
      | 'id'
      | 'customerId'
      | 'currency'
      | 'notes'
      | 'externalRefs'
      | 'subtotal'
      | 'discountTotal'
      | 'taxTotal'
      | 'total'
    >,
  ): Promise<Order> {
    const actor = currentActorId();
    const order = this.orders.create({
      ...fields,
      companyId: requireCompanyId(),
      status: 'draft',
      number: null,
      submittedAt: null,
      confirmedAt: null,
      fulfilledAt: null,
      completedAt: null,
      cancelledAt: null,
      cancelReason: null,
      createdBy: actor,
      updatedBy: actor,
    });
    await this.orders.insert(order);
    return order;
  }

  /**
   * Writes `changes` and bumps the version if the row still has `order.version` (callers hold its
   * lock, so it does); the entity gets the changes, the new version and updated_at.
   */
  async update(order: Order, changes: OrderChanges): Promise<Order> {
    const actor = currentActorId();
    const result = await this.orders
      .createQueryBuilder()
      .update(Order)
      .set({ ...changes, updatedBy: actor, version: () => 'version + 1' })
      .where('company_id = :companyId AND id = :id AND version = :version', {
        companyId: requireCompanyId(),
        id: order.id,
        version: order.version,
      })
      .returning(['version', 'updatedAt'])
      .callListeners(false)
      .execute();
    const row = (result.raw as Array<{ version: number; updated_at: Date }>)[0];
    if (!row) throw new Error(`Order ${order.id} changed under its row lock`);
    return Object.assign(order, changes, {
      updatedBy: actor,
      version: row.version,
      updatedAt: row.updated_at,
    });
  }

  /** Soft-deletes a live order (deleted_at, deleted_by and the version in one UPDATE). */
  async softDelete(id: string): Promise<void> {
    await softDelete(this.txHost.tx, Order, 'company_id = :companyId AND id = :id', {
      companyId: requireCompanyId(),
      id,
    });
  }

  listPage(request: KeysetPageRequest & OrderFilters): Promise<Page<Order>> {
    const query = this.orders
      .createQueryBuilder('o')
      .where('o.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.status?.length) query.andWhere('o.status IN (:...status)', { status: request.status });
    if (request.customerId) query.andWhere('o.customer_id = :customerId', { customerId: request.customerId });
    if (request.number) query.andWhere('o.number = :number', { number: request.number });
    if (request.createdFrom)
      query.andWhere('o.created_at >= :createdFrom', { createdFrom: request.createdFrom });
    if (request.createdTo) query.andWhere('o.created_at < :createdTo', { createdTo: request.createdTo });
    if (request.submittedFrom) {
      query.andWhere('o.submitted_at >= :submittedFrom', { submittedFrom: request.submittedFrom });
    }
    if (request.submittedTo)
      query.andWhere('o.submitted_at < :submittedTo', { submittedTo: request.submittedTo });
    // Keyset pagination positions rows by non-null values only.
    for (const [key, condition] of Object.entries(NULLABLE_SORT_COLUMNS)) {
      if ((request.sort ?? ORDER_SORT.default).replace(/-/g, '').split(',').includes(key))
        query.andWhere(condition);
    }
    return keysetPaginate(query, request, {
      sortable: {
        createdAt: 'o.createdAt',
        submittedAt: 'o.submittedAt',
        number: 'o.number',
        total: 'o.total',
      },
      defaultSort: ORDER_SORT.default,
      tieBreaker: { key: 'id', column: 'o.id' },
    });
  }

  /**
   * Whether the currency is an ISO 4217 code of the reference data. Checked before pricing, so an
   * unknown code is named as such rather than as "no price in that currency" on every line.
   */
  async currencyExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM ref.currencies WHERE code = $1', [
      code,
    ]);
    return rows.length > 0;
  }
}
