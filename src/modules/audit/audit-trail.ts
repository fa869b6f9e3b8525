import { Injectable } from '@nestjs/common';
import { type KeysetPageRequest, mapPage, type Page, type PermissionScope } from '@libs/core';
import { type AuditLogFilter, AuditLogsRepository } from './audit-logs.repository';
import { AuditReadRules } from './audit-read-rules';
import { AuditLogResponseDto } from './dto/audit-log.response.dto';

/**
 * Reads the audit log of the active company, newest first. Other modules build their history and
 * timeline endpoints on it (`/invoices/:id/history`, `/customers/:id/timeline`) behind their own read
 * key, after checking the record exists in the company.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly logs: AuditLogsRepository,
    private readonly readRules: AuditReadRules,
  ) {}

  async list(filter: AuditLogFilter, page: KeysetPageRequest): Promise<Page<AuditLogResponseDto>> {
    return mapPage(await this.logs.listPage(filter, page), (log) => AuditLogResponseDto.from(log));
  }

  /** Every change of one record, e.g. `historyOf('invoice', id, page)`. */
  historyOf(
    entityType: string,
    entityId: string,
    page: KeysetPageRequest,
  ): Promise<Page<AuditLogResponseDto>> {
    return this.list({ entityType, entityId }, page);
  }

  /**
   * Every change about one record, its own and its children's, e.g. `timelineOf('customer', id, …)`.
   * With `readableBy` (the caller's permissions), only rows of entity types whose read key it holds
   * (SPEC §5 timeline); undeclared entity types are then never shown.
   */
  timelineOf(
    subjectType: string,
    subjectId: string,
    page: KeysetPageRequest,
    options: { readableBy?: ReadonlyMap<string, PermissionScope> } = {},
  ): Promise<Page<AuditLogResponseDto>> {
    const entityTypes = options.readableBy && this.readRules.readableEntityTypes(options.readableBy);
    return this.list({ subjectType, subjectId, ...(entityTypes ? { entityTypes } : {}) }, page);
  }
}
