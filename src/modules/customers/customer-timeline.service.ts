import { Inject, Injectable } from '@nestjs/common';
import type { CursorListQueryDto, Page, Principal } from '@libs/core';
import { type AuditLogResponseDto, AuditTrail } from '../audit';
import { CustomersService } from './customers.service';

/**
 * A customer's timeline (SPEC §5): the audit rows whose subject is the customer — its own changes,
 * its children's, and those of other modules' records about it (orders, contracts …) — newest first,
 * each kept only if the caller may read that entity type.
 */
@Injectable()
export class CustomerTimelineService {
  constructor(
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(AuditTrail) private readonly trail: AuditTrail,
  ) {}

  async timeline(
    principal: Principal,
    id: string,
    query: CursorListQueryDto,
  ): Promise<Page<AuditLogResponseDto>> {
    // 404 unless the caller may read the customer itself (company, scope, not deleted).
    await this.customers.get(principal, id);
    return this.trail.timelineOf('customer', id, query, { readableBy: principal.permissions });
  }
}
