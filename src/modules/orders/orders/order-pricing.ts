import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { FieldError } from '@libs/core';
import { CatalogPricing, type Quote } from '../../catalog';
import { CompaniesService } from '../../companies';
import { isCalendarDate, localDate } from '../calendar';
import { invalidFields, OrdersErrorCode } from '../orders.errors';
import type { OrderItem, OrderLine } from './entities/order-item.entity';

/** What a line asks for; its price is always computed. `id` is absent on a line not saved yet. */
export interface DraftLine {
  id?: string;
  productId: string;
  quantity: number;
  durationId: string | null;
  startDate: string | null;
  discountPercent: string;
}

/** A priced line, but for its place in the order, which the order decides. */
export type PricedLine = Omit<OrderLine, 'position'>;

export interface PricedLines {
  /** The lines with their snapshot, in the order given (new ones with a new id, no position yet). */
  lines: PricedLine[];
  totals: { subtotal: string; discountTotal: string; taxTotal: string; total: string };
}

/** A draft's lines as stored, ready to be priced again. */
export function draftLinesOf(items: readonly OrderItem[]): DraftLine[] {
  return items.map((item) => ({
    id: item.id,
    productId: item.productId,
    quantity: item.quantity,
    durationId: item.durationId,
    startDate: item.startDate,
    discountPercent: item.discountPercent,
  }));
}

/**
 * Prices order lines through the catalog's public pricing service (SPEC §6 engine and validation),
 * inside the caller's transaction, and turns the quote into the lines' price snapshots. Errors name
 * `items[i].<field>`, `i` being the line's index in the order.
 */
@Injectable()
export class OrderPricing {
  constructor(
    @Inject(CatalogPricing) private readonly pricing: CatalogPricing,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
  ) {}

  /** Reprices a draft; 400 when a line cannot be priced or its start date is not acceptable. */
  async priceDraft(orderId: string, currency: string, lines: readonly DraftLine[]): Promise<PricedLines> {
    const priced = await this.price(orderId, currency, lines);
    await this.assertStartDates(priced.lines);
    return priced;
  }

  /** Prices lines as they are (submit: no start-date rule, the catalog's answers only). */
  async price(orderId: string, currency: string, lines: readonly DraftLine[]): Promise<PricedLines> {
    if (lines.length === 0) {
      return {
        lines: [],
        totals: { subtotal: '0.00', discountTotal: '0.00', taxTotal: '0.00', total: '0.00' },
      };
    }
    const quote: Quote = await this.pricing.quote({
      currency,
      items: lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        durationId: line.durationId,
        discountPercent: line.discountPercent,
      })),
    });
    return {
      lines: quote.items.map((priced, i) => {
        const line = lines[i];
        return {
          id: line.id ?? uuidv7(),
          orderId,
          productId: line.productId,
          quantity: line.quantity,
          durationId: priced.durationId,
          startDate: line.startDate,
          discountPercent: priced.discountPercent,
          sku: priced.sku,
          name: priced.name,
          productType: priced.productType,
          tierMode: priced.tierMode,
          bands: priced.bands,
          months: priced.months,
          durationDiscountPercent: priced.durationDiscountPercent,
          gross: priced.gross,
          discountAmount: priced.discount,
          subtotal: priced.subtotal,
          taxRatePercent: priced.taxRate,
          taxInclusive: priced.taxInclusive,
          taxAmount: priced.tax,
          total: priced.total,
          unitPriceEffective: priced.unitPriceEffective,
        };
      }),
      totals: {
        subtotal: quote.subtotal,
        discountTotal: quote.discount,
        taxTotal: quote.tax,
        total: quote.total,
      },
    };
  }

  /** Start dates (SPEC §7): subscriptions only, real dates, not before the company's today. */
  private async assertStartDates(lines: readonly PricedLine[]): Promise<void> {
    if (!lines.some((line) => line.startDate !== null)) return;
    const today = localDate((await this.companies.current()).timezone);
    const errors: FieldError[] = [];
    lines.forEach((line, i) => {
      if (line.startDate === null) return;
      const path = `items[${i}].startDate`;
      if (line.productType !== 'subscription') {
        errors.push({
          path,
          code: OrdersErrorCode.StartDateNotApplicable,
          message: 'only subscription lines take a start date',
        });
      } else if (!isCalendarDate(line.startDate)) {
        errors.push({ path, code: OrdersErrorCode.ValidationFailed, message: 'is not a calendar date' });
      } else if (line.startDate < today) {
        errors.push({
          path,
          code: OrdersErrorCode.StartDateInPast,
          message: `must not be before today (${today})`,
        });
      }
    });
    if (errors.length) throw invalidFields(errors);
  }
}
