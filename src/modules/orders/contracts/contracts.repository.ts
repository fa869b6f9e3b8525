import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import type { ContractStatus } from './contract-state-machine';
import { CONTRACT_SORT } from './dto/list-contracts.query.dto';
import { Contract } from './entities/contract.entity';

export interface ContractFilters {
  status?: ContractStatus[];
  customerId?: string;
  productId?: string;
  endFrom?: string;
  endTo?: string;
}

export type NewContract = Omit<
  Contract,
  | 'id'
  | 'companyId'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'updatedBy'
  | 'deletedAt'
  | 'deletedBy'
  | 'version'
>;

export type ContractChanges = Partial<
  Pick<Contract, 'status' | 'activatedAt' | 'terminatedAt' | 'terminationReason'>
>;

/**
 * Contracts of the context's company (requireCompanyId fails closed without one), except
 * `companiesWithDueContracts`, the lifecycle job's one deliberate look across companies.
 */
@Injectable()
export class ContractsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get contracts(): Repository<Contract> {
    return this.txHost.tx.getRepository(Contract);
  }

  /** A contract of the company; `lock` holds it FOR UPDATE until the transaction ends. */
  findById(id: string, lock = false): Promise<Contract | null> {
    const query = this.contracts
      .createQueryBuilder('c')
      .where('c.company_id = :companyId AND c.id = :id', { companyId: requireCompanyId(), id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Inserts contracts in one statement; RETURNING fills the defaults into the entities. */
  async insertMany(fields: readonly NewContract[]): Promise<Contract[]> {
    if (fields.length === 0) return [];
    const actor = currentActorId();
    const companyId = requireCompanyId();
    const rows = fields.map((f) =>
      this.contracts.create({ ...f, id: uuidv7(), companyId, createdBy: actor, updatedBy: actor }),
    );
    await this.contracts.insert(rows);
    return rows;
  }

  /**
   * Writes the same changes to contracts the caller holds locked and bumps their versions; the
   * entities get the changes, their new versions and updated_at.
   */
  async updateMany(contracts: readonly Contract[], changes: ContractChanges): Promise<void> {
    if (contracts.length === 0) return;
    const actor = currentActorId();
    const result = await this.contracts
      .createQueryBuilder()
      .update(Contract)
      .set({ ...changes, updatedBy: actor, version: () => 'version + 1' })
      .where('company_id = :companyId AND id IN (:...ids)', {
        companyId: requireCompanyId(),
        ids: contracts.map((c) => c.id),
      })
      .returning(['id', 'version', 'updatedAt'])
      .callListeners(false)
      .execute();
    const rows = new Map(
      (result.raw as Array<{ id: string; version: number; updated_at: Date }>).map((row) => [row.id, row]),
    );
    for (const contract of contracts) {
      const row = rows.get(contract.id);
      Object.assign(contract, changes, {
        updatedBy: actor,
        version: row?.version,
        updatedAt: row?.updated_at,
      });
    }
  }

  /** The order's contracts in these states, locked FOR UPDATE. */
  ofOrder(orderId: string, statuses: readonly ContractStatus[]): Promise<Contract[]> {
    return this.contracts
      .createQueryBuilder('c')
      .where('c.company_id = :companyId AND c.order_id = :orderId AND c.status IN (:...statuses)', {
        companyId: requireCompanyId(),
        orderId,
        statuses,
      })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  async hasActiveOfOrder(orderId: string): Promise<boolean> {
    return this.contracts.exists({ where: { companyId: requireCompanyId(), orderId, status: 'active' } });
  }

  async isRenewed(id: string): Promise<boolean> {
    return this.contracts.exists({ where: { companyId: requireCompanyId(), previousContractId: id } });
  }

  /**
   * Contracts due for the lifecycle job on `today`, locked FOR UPDATE: pending ones whose start date
   * arrived and active ones whose end date passed (the term excludes its end date).
   */
  due(today: string): Promise<Contract[]> {
    return this.contracts
      .createQueryBuilder('c')
      .where('c.company_id = :companyId', { companyId: requireCompanyId() })
      .andWhere(
        `((c.status = 'pending' AND c.start_date <= :today) OR (c.status = 'active' AND c.end_date <= :today))`,
        { today },
      )
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Across companies (system job only): the companies that may have contracts due by `latest`, the
   * furthest any time zone's today can be. The job then works each company on its own local date.
   */
  async companiesWithDueContracts(latest: string): Promise<string[]> {
    const rows: Array<{ company_id: string }> = await this.txHost.tx.query(
      `SELECT DISTINCT company_id FROM sales.contracts
        WHERE (status = 'pending' AND start_date <= $1) OR (status = 'active' AND end_date <= $1)`,
      [latest],
    );
    return rows.map((row) => row.company_id);
  }

  listPage(request: KeysetPageRequest & ContractFilters): Promise<Page<Contract>> {
    const query = this.contracts
      .createQueryBuilder('c')
      .where('c.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.status?.length) query.andWhere('c.status IN (:...status)', { status: request.status });
    if (request.customerId) query.andWhere('c.customer_id = :customerId', { customerId: request.customerId });
    if (request.productId) query.andWhere('c.product_id = :productId', { productId: request.productId });
    if (request.endFrom) query.andWhere('c.end_date >= :endFrom', { endFrom: request.endFrom });
    if (request.endTo) query.andWhere('c.end_date < :endTo', { endTo: request.endTo });
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'c.createdAt', startDate: 'c.startDate', endDate: 'c.endDate' },
      defaultSort: CONTRACT_SORT.default,
      tieBreaker: { key: 'id', column: 'c.id' },
    });
  }
}
