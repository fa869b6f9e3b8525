import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { Permission } from './entities/permission.entity';

export const PERMISSION_SORT = { keys: ['key'], default: 'key' } as const;

/** The catalogue (installation-wide, not tenant-owned). */
@Injectable()
export class PermissionsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** One page of the live catalogue (deprecated keys are left out), optionally one domain only. */
  listPage(request: KeysetPageRequest & { domain?: string }): Promise<Page<Permission>> {
    const query = this.txHost.tx
      .getRepository(Permission)
      .createQueryBuilder('permission')
      .where('permission.deprecated_at IS NULL');
    if (request.domain) query.andWhere('permission.domain = :domain', { domain: request.domain });
    return keysetPaginate(query, request, {
      sortable: { key: 'permission.key' },
      defaultSort: PERMISSION_SORT.default,
      tieBreaker: { key: 'key', column: 'permission.key' },
    });
  }

  /** The live (not deprecated) entries among `keys`: key -> scopable. */
  async activeEntries(keys: readonly string[]): Promise<Map<string, { scopable: boolean }>> {
    if (keys.length === 0) return new Map();
    const rows = await this.txHost.tx.query<Array<{ key: string; scopable: boolean }>>(
      `SELECT key, scopable FROM access.permissions WHERE key = ANY($1::text[]) AND deprecated_at IS NULL`,
      [keys],
    );
    return new Map(rows.map((row) => [row.key, { scopable: row.scopable }]));
  }

  /** The whole live catalogue, for default grants. */
  async allActive(): Promise<Array<{ key: string; scopable: boolean }>> {
    return this.txHost.tx.query<Array<{ key: string; scopable: boolean }>>(
      `SELECT key, scopable FROM access.permissions WHERE deprecated_at IS NULL ORDER BY key`,
    );
  }
}
