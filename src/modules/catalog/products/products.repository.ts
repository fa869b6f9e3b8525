import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { type RowLock, TenantTable } from '../tenant-table';
import { PRODUCT_SORT } from './dto/list-products.query.dto';
import { Product, type ProductStatus, type ProductType } from './entities/product.entity';

export interface ProductListRequest extends KeysetPageRequest {
  q?: string;
  type?: ProductType[];
  status?: ProductStatus[];
  categoryId?: string;
  sku?: string;
  deleted?: 'only';
}

type SortColumns = Record<(typeof PRODUCT_SORT.keys)[number], string>;

/** Products of the context's company. */
@Injectable()
export class ProductsRepository {
  readonly rows: TenantTable<Product>;

  constructor(@Inject(TransactionHost) txHost: TransactionHost<TransactionalAdapterTypeOrm>) {
    this.rows = new TenantTable(txHost, Product, 'product');
  }

  /** A product of the company whether soft-deleted or not (restore), locked like findLive. */
  findAny(id: string, lock: RowLock): Promise<Product | null> {
    return this.rows.repository
      .createQueryBuilder('product')
      .withDeleted()
      .where('product.company_id = :companyId AND product.id = :id', { companyId: requireCompanyId(), id })
      .setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read')
      .getOne();
  }

  /**
   * One page of products. `q` keeps those whose name or SKU contains it, ignoring case (the trigram
   * index answers ILIKE '%…%'); LIKE's wildcards in `q` match themselves.
   */
  listPage(request: ProductListRequest): Promise<Page<Product>> {
    const query = this.rows.repository
      .createQueryBuilder('product')
      .where('product.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.deleted === 'only') query.withDeleted().andWhere('product.deleted_at IS NOT NULL');
    if (request.type?.length) query.andWhere('product.type IN (:...types)', { types: request.type });
    if (request.status?.length)
      query.andWhere('product.status IN (:...statuses)', { statuses: request.status });
    if (request.categoryId)
      query.andWhere('product.category_id = :categoryId', { categoryId: request.categoryId });
    if (request.sku) query.andWhere('lower(product.sku) = lower(:sku)', { sku: request.sku });
    if (request.q !== undefined) {
      query.andWhere('(product.name ILIKE :pattern OR product.sku ILIKE :pattern)', {
        pattern: `%${request.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return keysetPaginate(query, request, {
      sortable: {
        name: 'product.name',
        sku: 'product.sku',
        createdAt: 'product.createdAt',
      } satisfies SortColumns,
      defaultSort: PRODUCT_SORT.default,
      tieBreaker: { key: 'id', column: 'product.id' },
    });
  }
}
