import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AppError, assertIfMatch, mapPage, type Page } from '@libs/core';
import { DomainEvents } from '@libs/persistence';
import { CatalogPricing } from '../../catalog';
import { CompaniesService } from '../../companies';
import { localDate } from '../calendar';
import { OrdersEvent } from '../orders.events';
import { guardFailed, invalidFields, notFound, OrdersErrorCode } from '../orders.errors';
import type { Order } from '../orders/entities/order.entity';
import type { OrderLine } from '../orders/entities/order-item.entity';
import { CONTRACT_MACHINE, type ContractAction } from './contract-state-machine';
import { contractTerm, initialStatus, renewalStart } from './contract-terms';
import { ContractsRepository, type NewContract } from './contracts.repository';
import type { ListContractsQueryDto } from './dto/list-contracts.query.dto';
import { ContractResponseDto } from './dto/contract.response.dto';
import type { RenewContractDto } from './dto/contract.dto';
import type { Contract } from './entities/contract.entity';

/** The reason pending contracts get when their order is cancelled (SPEC §7). */
export const ORDER_CANCELLED = 'order_cancelled';

/**
 * Contracts (SPEC §7): created by confirming an order (one per subscription line), activated,
 * terminated and renewed by people, activated and expired by the lifecycle job. Contracts are money
 * documents: every change needs the contract's If-Match. Each change publishes its `contract.*` event
 * in the change's transaction.
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly contracts: ContractsRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CatalogPricing) private readonly pricing: CatalogPricing,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
  ) {}

  async list(query: ListContractsQueryDto): Promise<Page<ContractResponseDto>> {
    return mapPage(await this.contracts.listPage(query), (contract) => ContractResponseDto.from(contract));
  }

  async get(id: string): Promise<ContractResponseDto> {
    return ContractResponseDto.from(await this.mustFind(id));
  }

  /** The company's local date at `now`, the "today" of every contract rule. */
  async today(now: Date = new Date()): Promise<string> {
    return localDate((await this.companies.current()).timezone, now);
  }

  /**
   * In the confirm transaction: one contract per subscription line, priced as the line was frozen,
   * starting on the line's start date or `today`, active at once when that start has arrived.
   */
  async createForOrder(order: Order, items: readonly OrderLine[], today: string): Promise<Contract[]> {
    const now = new Date();
    const created = await this.contracts.insertMany(
      items
        .filter((item) => item.productType === 'subscription')
        .map((item): NewContract => {
          const term = contractTerm(item.startDate ?? today, item.months);
          const status = initialStatus(term.startDate, today);
          return {
            orderId: order.id,
            orderItemId: item.id,
            customerId: order.customerId,
            productId: item.productId,
            durationId: item.durationId as string,
            quantity: item.quantity,
            currency: order.currency,
            months: item.months,
            ...term,
            status,
            bands: item.bands,
            gross: item.gross,
            discount: item.discountAmount,
            subtotal: item.subtotal,
            tax: item.taxAmount,
            total: item.total,
            activatedAt: status === 'active' ? now : null,
            terminatedAt: null,
            terminationReason: null,
            previousContractId: null,
          };
        }),
    );
    await this.publish(OrdersEvent.ContractCreated, created);
    return created;
  }

  /** Whether the order has an active contract (it then cannot be cancelled). */
  hasActiveOfOrder(orderId: string): Promise<boolean> {
    return this.contracts.hasActiveOfOrder(orderId);
  }

  /** In the cancel transaction: the order's pending contracts end as terminated (`order_cancelled`). */
  async terminatePendingOfOrder(orderId: string): Promise<void> {
    const pending = await this.contracts.ofOrder(orderId, ['pending']);
    await this.contracts.updateMany(pending, {
      status: 'terminated',
      terminatedAt: new Date(),
      terminationReason: ORDER_CANCELLED,
    });
    await this.publish(OrdersEvent.ContractTerminated, pending);
  }

  @Transactional()
  async activate(id: string, ifMatch: string | undefined): Promise<ContractResponseDto> {
    const contract = await this.lockFor(id, 'activate', ifMatch);
    await this.contracts.updateMany([contract], { status: 'active', activatedAt: new Date() });
    await this.publish(OrdersEvent.ContractActivated, [contract]);
    return ContractResponseDto.from(contract);
  }

  @Transactional()
  async terminate(id: string, reason: string, ifMatch: string | undefined): Promise<ContractResponseDto> {
    const contract = await this.lockFor(id, 'terminate', ifMatch);
    await this.contracts.updateMany([contract], {
      status: 'terminated',
      terminatedAt: new Date(),
      terminationReason: reason,
    });
    await this.publish(OrdersEvent.ContractTerminated, [contract]);
    return ContractResponseDto.from(contract);
  }

  /**
   * A new pending contract for the same product and quantity, priced from the current catalog, from
   * the end of an active contract (today for an expired one). The renewed contract is unchanged; a
   * second renewal of it is 409 `already_renewed` (two racing renewals queue on the renewed contract's
   * row lock, so the second sees the first; the unique previous_contract_id backs that up).
   */
  @Transactional()
  async renew(id: string, dto: RenewContractDto, ifMatch: string | undefined): Promise<ContractResponseDto> {
    const previous = await this.lockFor(id, 'renew', ifMatch);
    if (await this.contracts.isRenewed(previous.id)) throw alreadyRenewed();
    const durationId = dto.durationId ?? previous.durationId;
    const [line] = (await this.quoteRenewal(previous, durationId)).items;
    const term = contractTerm(renewalStart(previous, await this.today()), line.months);
    const [renewal] = await this.contracts.insertMany([
      {
        orderId: previous.orderId,
        orderItemId: null,
        customerId: previous.customerId,
        productId: previous.productId,
        durationId,
        quantity: previous.quantity,
        currency: previous.currency,
        months: line.months,
        ...term,
        status: 'pending',
        bands: line.bands,
        gross: line.gross,
        discount: line.discount,
        subtotal: line.subtotal,
        tax: line.tax,
        total: line.total,
        activatedAt: null,
        terminatedAt: null,
        terminationReason: null,
        previousContractId: previous.id,
      },
    ]);
    await this.publish(OrdersEvent.ContractRenewed, [renewal]);
    return ContractResponseDto.from(renewal);
  }

  /**
   * The lifecycle job's work for the context's company on its local date `today`: pending contracts
   * whose start arrived become active, active ones whose end passed expire. Returns how many changed;
   * a second run on the same date changes nothing.
   */
  @Transactional()
  async advance(today: string): Promise<number> {
    const due = await this.contracts.due(today);
    const activating = due.filter((c) => c.status === 'pending');
    await this.contracts.updateMany(activating, { status: 'active', activatedAt: new Date() });
    await this.publish(OrdersEvent.ContractActivated, activating);
    // A contract whose whole term passed while pending expires in the same run.
    const expiring = due.filter((c) => c.endDate <= today);
    await this.contracts.updateMany(expiring, { status: 'expired' });
    await this.publish(OrdersEvent.ContractExpired, expiring);
    return due.length;
  }

  private async quoteRenewal(previous: Contract, durationId: string) {
    try {
      return await this.pricing.quote({
        currency: previous.currency,
        items: [{ productId: previous.productId, quantity: previous.quantity, durationId }],
      });
    } catch (error) {
      // The line is the contract itself: `items[0].durationId` is the body's `durationId`.
      if (error instanceof AppError && error.status === 400 && error.errors) {
        throw invalidFields(error.errors.map((e) => ({ ...e, path: e.path.replace(/^items\[0\]\./, '') })));
      }
      throw error;
    }
  }

  private async lockFor(id: string, action: ContractAction, ifMatch: string | undefined): Promise<Contract> {
    const contract = await this.contracts.findById(id, true);
    if (!contract) throw notFound('Contract');
    assertIfMatch(ifMatch, contract.version, true);
    CONTRACT_MACHINE.transition(contract.status, action);
    return contract;
  }

  private async mustFind(id: string): Promise<Contract> {
    const contract = await this.contracts.findById(id);
    if (!contract) throw notFound('Contract');
    return contract;
  }

  private async publish(type: string, contracts: readonly Contract[]): Promise<void> {
    await this.events.publish(
      ...contracts.map((contract) => ({
        type,
        aggregateType: 'contract',
        aggregateId: contract.id,
        data: ContractResponseDto.from(contract),
      })),
    );
  }
}

const alreadyRenewed = () =>
  guardFailed(OrdersErrorCode.AlreadyRenewed, 'The contract was already renewed; renew the renewal instead');
