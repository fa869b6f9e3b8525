import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditLogFilter {
  entityType?: string;
  entityId?: string;
  /** Only rows of these entity types (an empty list matches nothing). */
  entityTypes?: string[];
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  actions?: string[];
  /** Inclusive. */
  createdFrom?: Date;
  /** Exclusive. */
  createdTo?: Date;
}

/** The rows of `platform.audit_logs` (read-only: the database triggers write them). */
@Injectable()
export class AuditLogsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The company's rows, newest first (keyset on created_at, id). */
  listPage(filter: AuditLogFilter, request: KeysetPageRequest): Promise<Page<AuditLog>> {
    const query = this.txHost.tx
      .getRepository(AuditLog)
      .createQueryBuilder('log')
      .where('log.company_id = :companyId', { companyId: requireCompanyId() });
    if (filter.entityType) query.andWhere('log.entity_type = :entityType', filter);
    if (filter.entityId) query.andWhere('log.entity_id = :entityId', filter);
    if (filter.entityTypes) query.andWhere('log.entity_type = ANY(:entityTypes)', filter);
    if (filter.subjectType) query.andWhere('log.subject_type = :subjectType', filter);
    if (filter.subjectId) query.andWhere('log.subject_id = :subjectId', filter);
    if (filter.actorId) query.andWhere('log.actor_id = :actorId', filter);
    if (filter.actions?.length) query.andWhere('log.action = ANY(:actions)', filter);
    if (filter.createdFrom) query.andWhere('log.created_at >= :createdFrom', filter);
    if (filter.createdTo) query.andWhere('log.created_at < :createdTo', filter);
    return keysetPaginate(
      query,
      { ...request, sort: undefined },
      {
        sortable: { createdAt: 'log.created_at' },
        defaultSort: '-createdAt',
        tieBreaker: { key: 'id', column: 'log.id' },
      },
    );
  }

  /** Lets this transaction delete audit rows (the append-only trigger refuses it otherwise). */
  async allowPurge(): Promise<void> {
    await this.txHost.tx.query(`SELECT set_config('cornerstone.audit_purge', 'on', true)`);
  }

  /**
   * Deletes the rows older than `days` of the companies `only`, or of every company but `except` and
   * the installation-level rows. Returns how many.
   */
  async deleteOlderThan(days: number, companies: { only: string[] } | { except: string[] }): Promise<number> {
    const [, deleted] = await this.txHost.tx.query<[unknown[], number]>(
      'only' in companies
        ? `DELETE FROM platform.audit_logs
            WHERE created_at < now() - make_interval(days => $1) AND company_id = ANY($2::uuid[])`
        : `DELETE FROM platform.audit_logs
            WHERE created_at < now() - make_interval(days => $1)
              AND (company_id IS NULL OR company_id <> ALL($2::uuid[]))`,
      [days, 'only' in companies ? companies.only : companies.except],
    );
    return deleted;
  }
}
