import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { TenantTable } from '../tenant-table';
import { Duration } from './entities/duration.entity';

export const DURATION_SORT = { keys: ['months', 'name', 'createdAt'], default: 'months' } as const;

/** Subscription durations of the context's company. */
@Injectable()
export class DurationsRepository {
  readonly rows: TenantTable<Duration>;

  constructor(@Inject(TransactionHost) txHost: TransactionHost<TransactionalAdapterTypeOrm>) {
    this.rows = new TenantTable(txHost, Duration, 'duration');
  }

  listPage(request: KeysetPageRequest & { active?: boolean }): Promise<Page<Duration>> {
    const query = this.rows.repository
      .createQueryBuilder('duration')
      .where('duration.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.active !== undefined) query.andWhere('duration.active = :active', { active: request.active });
    return keysetPaginate(query, request, {
      sortable: { months: 'duration.months', name: 'duration.name', createdAt: 'duration.createdAt' },
      defaultSort: DURATION_SORT.default,
      tieBreaker: { key: 'id', column: 'duration.id' },
    });
  }
}
