import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { currentActorId } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { OrderItem, type OrderLine } from './entities/order-item.entity';

/** The columns a (re)pricing rewrites: the line's input and its whole snapshot. */
const PRICED_COLUMNS = [
  ['product_id', 'uuid', 'productId'],
  ['quantity', 'int', 'quantity'],
  ['duration_id', 'uuid', 'durationId'],
  ['start_date', 'date', 'startDate'],
  ['discount_percent', 'numeric', 'discountPercent'],
  ['sku', 'text', 'sku'],
  ['name', 'text', 'name'],
  ['product_type', 'text', 'productType'],
  ['tier_mode', 'text', 'tierMode'],
  ['bands', 'jsonb', 'bands'],
  ['months', 'int', 'months'],
  ['duration_discount_percent', 'numeric', 'durationDiscountPercent'],
  ['gross', 'numeric', 'gross'],
  ['discount_amount', 'numeric', 'discountAmount'],
  ['subtotal', 'numeric', 'subtotal'],
  ['tax_rate_percent', 'numeric', 'taxRatePercent'],
  ['tax_inclusive', 'boolean', 'taxInclusive'],
  ['tax_amount', 'numeric', 'taxAmount'],
  ['total', 'numeric', 'total'],
  ['unit_price_effective', 'numeric', 'unitPriceEffective'],
] as const;

const UPDATE_PRICED_LINES = `
  UPDATE sales.order_items AS i
     SET ${PRICED_COLUMNS.map(([column]) => `${column} = v.${column}`).join(', ')},
         updated_at = now(), updated_by = $3
    FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, ${PRICED_COLUMNS.map(([c, type]) => `${c} ${type}`).join(', ')})
   WHERE i.company_id = $1 AND i.id = v.id`;

/** The lines of orders of the context's company; always read and written in position order. */
@Injectable()
export class OrderItemsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get items(): Repository<OrderItem> {
    return this.txHost.tx.getRepository(OrderItem);
  }

  listOf(orderId: string): Promise<OrderItem[]> {
    return this.items.find({
      where: { companyId: requireCompanyId(), orderId },
      order: { position: 'ASC' },
    });
  }

  /** Inserts new lines in one statement (their ids and positions are set by the caller). */
  async insertMany(lines: readonly OrderLine[]): Promise<void> {
    if (lines.length === 0) return;
    const actor = currentActorId();
    const companyId = requireCompanyId();
    await this.items.insert(
      lines.map((line) => ({ ...line, companyId, createdBy: actor, updatedBy: actor })),
    );
  }

  /** Rewrites the input and snapshot of existing lines in one statement. */
  async updatePriced(lines: readonly OrderLine[]): Promise<void> {
    if (lines.length === 0) return;
    const rows = lines.map((line) => ({
      id: line.id,
      ...Object.fromEntries(PRICED_COLUMNS.map(([column, , property]) => [column, line[property]])),
    }));
    await this.txHost.tx.query(UPDATE_PRICED_LINES, [
      requireCompanyId(),
      JSON.stringify(rows),
      currentActorId(),
    ]);
  }

  async delete(orderId: string, id: string): Promise<void> {
    await this.items.delete({ companyId: requireCompanyId(), orderId, id });
  }
}
