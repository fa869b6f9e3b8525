import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { currentActorId, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { TenantTable } from '../tenant-table';
import { TaxRate } from './entities/tax-rate.entity';

export const TAX_RATE_SORT = { keys: ['name', 'createdAt'], default: 'name' } as const;

/** Tax rates of the context's company. */
@Injectable()
export class TaxRatesRepository {
  readonly rows: TenantTable<TaxRate>;

  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.rows = new TenantTable(txHost, TaxRate, 'taxRate');
  }

  listPage(request: KeysetPageRequest): Promise<Page<TaxRate>> {
    const query = this.rows.repository
      .createQueryBuilder('taxRate')
      .where('taxRate.company_id = :companyId', { companyId: requireCompanyId() });
    return keysetPaginate(query, request, {
      sortable: { name: 'taxRate.name', createdAt: 'taxRate.createdAt' },
      defaultSort: TAX_RATE_SORT.default,
      tieBreaker: { key: 'id', column: 'taxRate.id' },
    });
  }

  /** Makes the current default rate (other than `keepId`) a plain one, so another can become default. */
  async clearDefault(keepId: string | null): Promise<void> {
    const query = this.rows.repository
      .createQueryBuilder()
      .update()
      .set({ isDefault: false, updatedBy: currentActorId() })
      .where('company_id = :companyId AND is_default AND deleted_at IS NULL', {
        companyId: requireCompanyId(),
      });
    if (keepId) query.andWhere('id <> :keepId', { keepId });
    await query.callListeners(false).execute();
  }

  /** Whether any product, deleted ones included, references the rate (a restore must find it again). */
  async inUse(id: string): Promise<boolean> {
    const [row] = await this.txHost.tx.query<Array<{ in_use: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM catalog.products WHERE company_id = $1 AND tax_rate_id = $2) AS in_use`,
      [requireCompanyId(), id],
    );
    return row.in_use;
  }
}
