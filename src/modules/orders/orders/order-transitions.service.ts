import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AppError, assertIfMatch, CoreErrorCode, type Principal } from '@libs/core';
import { DocumentNumbers, DomainEvents, formatDocumentNumber } from '@libs/persistence';
import { CatalogPricing } from '../../catalog';
import { CompaniesService } from '../../companies';
import { CustomerDirectory } from '../../customers';
import { Settings } from '../../settings';
import { localDate } from '../calendar';
import { ContractsService } from '../contracts/contracts.service';
import { guardFailed, guardFailedOn, notFound, type OrdersError, OrdersErrorCode } from '../orders.errors';
import { NextStateResponseDto } from './dto/order-history.response.dto';
import { OrderResponseDto } from './dto/order.response.dto';
import type { Order } from './entities/order.entity';
import type { OrderLine } from './entities/order-item.entity';
import { OrderHistoryRepository } from './order-history.repository';
import { OrderItemsRepository } from './order-items.repository';
import { draftLinesOf, OrderPricing, type PricedLines } from './order-pricing';
import {
  ORDER_ACTION_PERMISSION,
  ORDER_MACHINE,
  type OrderAction,
  type OrderTransition,
} from './order-state-machine';
import { type OrderChanges, OrdersRepository } from './orders.repository';

/** The setting that prefixes order numbers (SPEC §11.4). */
const ORDER_PREFIX_SETTING = 'orders.order_prefix';
/** The document_sequences kind of order numbers. */
const ORDER_NUMBERS = 'order';

/**
 * The order lifecycle (SPEC §7): submit, confirm, fulfil, complete, cancel. Each runs in ONE
 * transaction: lock the order, check the required If-Match against the locked row (so of parallel
 * requests with one ETag exactly one proceeds, the others get 412), check the transition and its
 * guards, apply its effects, write a status-history row, bump the version and publish
 * `order.<new status>`. A failure anywhere rolls everything back: order, lines, contracts and the
 * number counter.
 */
@Injectable()
export class OrderTransitionsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly statusHistory: OrderHistoryRepository,
    private readonly pricing: OrderPricing,
    private readonly contracts: ContractsService,
    @Inject(CatalogPricing) private readonly catalog: CatalogPricing,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(Settings) private readonly settings: Settings,
    @Inject(DocumentNumbers) private readonly numbers: DocumentNumbers,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  /** Reprices every line from the catalog and freezes it, assigns the number, stamps submitted_at. */
  @Transactional()
  async submit(id: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const { order, transition } = await this.lockFor(id, 'submit', ifMatch);
    const check = await this.submitCheck(order);
    if (check.failures.length) throw check.failures[0];
    const priced = check.priced as PricedLines;
    await this.items.updatePriced(check.lines);
    const year = localDate((await this.companies.current()).timezone).slice(0, 4);
    const prefix = await this.settings.get<string>(ORDER_PREFIX_SETTING);
    const number = formatDocumentNumber(prefix, year, await this.numbers.next(ORDER_NUMBERS, year));
    await this.catalog.markProductsUsed([...new Set(check.lines.map((line) => line.productId))]);
    return this.finish(order, transition, check.lines, {
      number,
      submittedAt: new Date(),
      ...priced.totals,
    });
  }

  /** Creates one contract per subscription line. */
  @Transactional()
  async confirm(id: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const { order, transition } = await this.lockFor(id, 'confirm', ifMatch);
    const items = await this.items.listOf(id);
    await this.contracts.createForOrder(order, items, await this.contracts.today());
    return this.finish(order, transition, items, { confirmedAt: new Date() });
  }

  @Transactional()
  async fulfil(id: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const { order, transition } = await this.lockFor(id, 'fulfil', ifMatch);
    return this.finish(order, transition, await this.items.listOf(id), { fulfilledAt: new Date() });
  }

  @Transactional()
  async complete(id: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const { order, transition } = await this.lockFor(id, 'complete', ifMatch);
    return this.finish(order, transition, await this.items.listOf(id), { completedAt: new Date() });
  }

  /** Refused while a contract of the order is active; its pending contracts are terminated. */
  @Transactional()
  async cancel(id: string, reason: string, ifMatch: string | undefined): Promise<OrderResponseDto> {
    const { order, transition } = await this.lockFor(id, 'cancel', ifMatch);
    if (await this.contracts.hasActiveOfOrder(order.id)) throw contractActive();
    await this.contracts.terminatePendingOfOrder(order.id);
    return this.finish(
      order,
      transition,
      await this.items.listOf(id),
      { cancelledAt: new Date(), cancelReason: reason },
      reason,
    );
  }

  /**
   * The actions the order's state allows, each with whether the caller may take it now: `reasons`
   * are the error codes it would answer with (`forbidden` for a missing permission, then the guards).
   */
  async nextStates(id: string, principal: Principal): Promise<NextStateResponseDto[]> {
    const order = await this.orders.findLive(id);
    if (!order) throw notFound('Order');
    return Promise.all(
      ORDER_MACHINE.from(order.status).map(async ({ action, to }) => {
        const reasons: string[] = principal.permissions.has(ORDER_ACTION_PERMISSION[action])
          ? []
          : [CoreErrorCode.Forbidden];
        reasons.push(...(await this.guardReasons(order, action)));
        return { action, to, allowed: reasons.length === 0, reasons: [...new Set(reasons)] };
      }),
    );
  }

  private async guardReasons(order: Order, action: OrderAction): Promise<string[]> {
    if (action === 'submit') {
      const { failures } = await this.submitCheck(order);
      return failures.flatMap((failure) =>
        failure.errors?.length ? failure.errors.map((e) => e.code) : [failure.code],
      );
    }
    if (action === 'cancel' && (await this.contracts.hasActiveOfOrder(order.id))) {
      return [OrdersErrorCode.ContractActive];
    }
    return [];
  }

  /**
   * The submit guards (SPEC §7), all of them: at least one line, a customer neither deleted nor
   * blocked, every line priceable from the current catalog (one `errors[]` entry per line). Returns
   * the failures as 409s, and the repriced lines when the catalog priced them.
   */
  private async submitCheck(
    order: Order,
  ): Promise<{ failures: OrdersError[]; priced: PricedLines | null; lines: OrderLine[] }> {
    const failures: OrdersError[] = [];
    const items = await this.items.listOf(order.id);
    if (items.length === 0) failures.push(guardFailed(OrdersErrorCode.OrderEmpty, 'The order has no lines'));
    const customer = await this.customers.findActiveForReference(order.customerId);
    if (!customer || customer.deletedAt) {
      failures.push(guardFailed(OrdersErrorCode.CustomerDeleted, 'The customer was deleted'));
    } else if (customer.blocked) {
      failures.push(guardFailed(OrdersErrorCode.CustomerBlocked, 'The customer is blocked'));
    }
    let priced: PricedLines | null = null;
    try {
      priced = await this.pricing.price(order.id, order.currency, draftLinesOf(items));
    } catch (error) {
      // Stored lines the catalog no longer prices (archived product, no price in the currency...).
      if (!(error instanceof AppError) || error.status !== 400 || !error.errors) throw error;
      failures.push(guardFailedOn(error.errors));
    }
    const positions = new Map(items.map((item) => [item.id, item.position]));
    const lines = (priced?.lines ?? []).map((line) => ({
      ...line,
      position: positions.get(line.id) as number,
    }));
    return { failures, priced, lines };
  }

  private async lockFor(
    id: string,
    action: OrderAction,
    ifMatch: string | undefined,
  ): Promise<{ order: Order; transition: OrderTransition }> {
    const order = await this.orders.findLive(id, true);
    if (!order) throw notFound('Order');
    assertIfMatch(ifMatch, order.version, true);
    return { order, transition: ORDER_MACHINE.transition(order.status, action) };
  }

  /** The transition's common end: status and effects with one version bump, history row, event. */
  private async finish(
    order: Order,
    transition: OrderTransition,
    items: readonly OrderLine[],
    changes: OrderChanges,
    reason: string | null = null,
  ): Promise<OrderResponseDto> {
    const from = order.status;
    await this.orders.update(order, { ...changes, status: transition.to });
    await this.statusHistory.append(order.id, from, transition.to, reason);
    const response = OrderResponseDto.withItems(order, items);
    await this.events.publish({
      type: `order.${transition.to}`,
      aggregateType: 'order',
      aggregateId: order.id,
      data: response,
    });
    return response;
  }
}

const contractActive = () =>
  guardFailed(OrdersErrorCode.ContractActive, 'A contract of the order is active; terminate it first');
