import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { v7 as uuidv7 } from 'uuid';
import { AppError, assertIfMatch, type FieldError, mapPage, type Page } from '@libs/core';
import { DomainEvents } from '@libs/persistence';
import { CompaniesService } from '../../companies';
import { CustomerDirectory } from '../../customers';
import { mergeExternalRefs } from '../external-refs';
import { OrdersEvent } from '../orders.events';
import { invalidFields, notFound, orderNotDraft, referenceNotFound } from '../orders.errors';
import type { OrderItemDto, UpdateOrderItemDto } from './dto/order-item.dto';
import type { CreateOrderDto, UpdateOrderDto } from './dto/order.dto';
import { OrderResponseDto, OrderSummaryResponseDto } from './dto/order.response.dto';
import { OrderHistoryEntryResponseDto } from './dto/order-history.response.dto';
import type { ListCustomerOrdersQueryDto, ListOrdersQueryDto } from './dto/list-orders.query.dto';
import type { Order } from './entities/order.entity';
import type { OrderItem, OrderLine } from './entities/order-item.entity';
import { OrderHistoryRepository } from './order-history.repository';
import { OrderItemsRepository } from './order-items.repository';
import { type DraftLine, draftLinesOf, OrderPricing } from './order-pricing';
import { type OrderChanges, OrdersRepository } from './orders.repository';

/** The fields PATCH may still change once an order is no longer a draft. */
const ALWAYS_EDITABLE = new Set(['notes', 'externalRefs']);

/**
 * Orders as documents being written (SPEC §7): create, read, list, and every change of a draft (its
 * customer, currency and lines), each repricing all lines as a preview. Orders are money documents:
 * every change requires the order's If-Match, checked under the order's row lock so that parallel
 * changes with the same ETag give one success and 412s. Transitions live in OrderTransitionsService.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly statusHistory: OrderHistoryRepository,
    private readonly pricing: OrderPricing,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async list(query: ListOrdersQueryDto): Promise<Page<OrderSummaryResponseDto>> {
    return mapPage(await this.orders.listPage(query), (order) => OrderSummaryResponseDto.from(order));
  }

  /** The orders of one customer; 404 when the customer is not visible to the caller. */
  async listOfCustomer(
    customerId: string,
    query: ListCustomerOrdersQueryDto,
  ): Promise<Page<OrderSummaryResponseDto>> {
    const customer = await this.customers.findActiveForReference(customerId);
    if (!customer || customer.deletedAt) throw notFound('Customer');
    return this.list({ ...query, customerId });
  }

  async get(id: string): Promise<OrderResponseDto> {
    const order = await this.mustFind(id);
    return OrderResponseDto.withItems(order, await this.items.listOf(id));
  }

  async history(id: string): Promise<OrderHistoryEntryResponseDto[]> {
    await this.mustFind(id);
    return (await this.statusHistory.listOf(id)).map((entry) => OrderHistoryEntryResponseDto.from(entry));
  }

  /** A draft for a live customer of the company, its lines priced as a preview. */
  @Transactional()
  async create(dto: CreateOrderDto): Promise<OrderResponseDto> {
    await this.assertCustomer(dto.customerId);
    if (dto.currency) await this.assertCurrency(dto.currency);
    const currency = dto.currency ?? (await this.companies.current()).defaultCurrency;
    const id = uuidv7();
    const priced = await this.pricing.priceDraft(id, currency, (dto.items ?? []).map(draftLineOf));
    const order = await this.orders.insert({
      id,
      customerId: dto.customerId,
      currency,
      notes: dto.notes ?? null,
      externalRefs: dto.externalRefs ?? {},
      ...priced.totals,
    });
    const items: OrderLine[] = priced.lines.map((line, i) => ({ ...line, position: i + 1 }));
    await this.items.insertMany(items);
    const response = OrderResponseDto.withItems(order, items);
    await this.events.publish({
      type: OrdersEvent.OrderCreated,
      aggregateType: 'order',
      aggregateId: order.id,
      data: response,
    });
    return response;
  }

  /**
   * A draft takes every field (a new customer or currency reprices the lines); other states only
   * `notes` and `externalRefs` (merge-patch), anything else 409 `order_not_draft`.
   */
  @Transactional()
  async update(id: string, dto: UpdateOrderDto, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const order = await this.lock(id, ifMatch);
    const sent = Object.keys(dto).filter((key) => dto[key as keyof UpdateOrderDto] !== undefined);
    const changes: OrderChanges = {};
    if (dto.notes !== undefined) changes.notes = dto.notes;
    if (dto.externalRefs !== undefined)
      changes.externalRefs = mergeExternalRefs(order.externalRefs, dto.externalRefs);
    const items = await this.items.listOf(id);
    if (order.status !== 'draft') {
      const locked = sent.filter((key) => !ALWAYS_EDITABLE.has(key));
      if (locked.length) throw orderNotDraft(order.status, locked);
      if (sent.length) await this.orders.update(order, changes);
      return OrderResponseDto.withItems(order, items);
    }
    if (dto.customerId !== undefined) {
      await this.assertCustomer(dto.customerId);
      changes.customerId = dto.customerId;
    }
    if (dto.currency !== undefined) {
      await this.assertCurrency(dto.currency);
      changes.currency = dto.currency;
    }
    if (changes.customerId === undefined && changes.currency === undefined) {
      // Notes and references do not affect prices: no repricing for them.
      if (sent.length) await this.orders.update(order, changes);
      return OrderResponseDto.withItems(order, items);
    }
    return this.saveDraft(order, items, draftLinesOf(items), changes);
  }

  /** Soft-deletes a draft; other states 409 `order_not_draft` (cancel them instead). */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const order = await this.lockDraft(id, ifMatch);
    await this.orders.softDelete(order.id);
  }

  @Transactional()
  async addItem(id: string, dto: OrderItemDto, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const order = await this.lockDraft(id, ifMatch);
    const items = await this.items.listOf(id);
    const lines = [...draftLinesOf(items), draftLineOf(dto)];
    return asBodyOfLine(lines.length - 1, () => this.saveDraft(order, items, lines, {}));
  }

  @Transactional()
  async updateItem(
    id: string,
    itemId: string,
    dto: UpdateOrderItemDto,
    ifMatch: string | undefined,
  ): Promise<OrderResponseDto> {
    const order = await this.lockDraft(id, ifMatch);
    const items = await this.items.listOf(id);
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) throw notFound('Order item');
    const lines = draftLinesOf(items);
    lines[index] = {
      ...lines[index],
      ...(dto.productId !== undefined && { productId: dto.productId }),
      ...(dto.quantity !== undefined && { quantity: dto.quantity }),
      ...(dto.durationId !== undefined && { durationId: dto.durationId }),
      ...(dto.startDate !== undefined && { startDate: dto.startDate }),
      ...(dto.discountPercent !== undefined && { discountPercent: dto.discountPercent ?? '0' }),
    };
    return asBodyOfLine(index, () => this.saveDraft(order, items, lines, {}));
  }

  @Transactional()
  async removeItem(id: string, itemId: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const order = await this.lockDraft(id, ifMatch);
    const items = await this.items.listOf(id);
    if (!items.some((item) => item.id === itemId)) throw notFound('Order item');
    await this.items.delete(id, itemId);
    const rest = items.filter((item) => item.id !== itemId);
    return this.saveDraft(order, rest, draftLinesOf(rest), {});
  }

  /**
   * Reprices every line of a draft (the saved `items` as `lines` now ask) and writes lines, totals
   * and `changes` with one version bump. New lines go after the last position.
   */
  private async saveDraft(
    order: Order,
    items: readonly OrderItem[],
    lines: readonly DraftLine[],
    changes: OrderChanges,
  ): Promise<OrderResponseDto> {
    const priced = await this.pricing.priceDraft(order.id, changes.currency ?? order.currency, lines);
    let next = items.reduce((max, item) => Math.max(max, item.position), 0);
    const positions = new Map(items.map((item) => [item.id, item.position]));
    const saved: OrderLine[] = priced.lines.map((line) => ({
      ...line,
      position: positions.get(line.id) ?? ++next,
    }));
    await this.items.updatePriced(saved.filter((line) => positions.has(line.id)));
    await this.items.insertMany(saved.filter((line) => !positions.has(line.id)));
    await this.orders.update(order, { ...changes, ...priced.totals });
    return OrderResponseDto.withItems(order, saved);
  }

  /** The order locked for a change, after the required If-Match. */
  private async lock(id: string, ifMatch: string | undefined): Promise<Order> {
    const order = await this.orders.findLive(id, true);
    if (!order) throw notFound('Order');
    assertIfMatch(ifMatch, order.version, true);
    return order;
  }

  private async lockDraft(id: string, ifMatch: string | undefined): Promise<Order> {
    const order = await this.lock(id, ifMatch);
    if (order.status !== 'draft') throw orderNotDraft(order.status);
    return order;
  }

  private async mustFind(id: string): Promise<Order> {
    const order = await this.orders.findLive(id);
    if (!order) throw notFound('Order');
    return order;
  }

  /** SPEC §7: the customer resolves in the company and is not deleted, else 400 naming `customerId`. */
  private async assertCustomer(customerId: string): Promise<void> {
    const customer = await this.customers.findActiveForReference(customerId);
    if (!customer || customer.deletedAt) throw referenceNotFound('customerId', 'The customer');
  }

  private async assertCurrency(currency: string): Promise<void> {
    if (!(await this.orders.currencyExists(currency))) throw referenceNotFound('currency', 'The currency');
  }
}

function draftLineOf(dto: OrderItemDto): DraftLine {
  return {
    productId: dto.productId,
    quantity: dto.quantity,
    durationId: dto.durationId ?? null,
    startDate: dto.startDate ?? null,
    discountPercent: dto.discountPercent ?? '0',
  };
}

/**
 * For the routes whose body is one line: that line's errors name the body's fields (`quantity`), the
 * other lines' keep their `items[i].` paths.
 */
async function asBodyOfLine<T>(index: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400 || !error.errors) throw error;
    const prefix = `items[${index}].`;
    const errors: FieldError[] = error.errors.map((e) =>
      e.path.startsWith(prefix) ? { ...e, path: e.path.slice(prefix.length) } : e,
    );
    throw invalidFields(errors);
  }
}
