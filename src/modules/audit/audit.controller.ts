import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, type Page, PageResponseOf } from '@libs/core';
import { AuditPermission } from './audit.permissions';
import { AuditTrail } from './audit-trail';
import { AuditLogResponseDto } from './dto/audit-log.response.dto';
import { ListAuditLogsQueryDto } from './dto/list-audit-logs.query.dto';

/** The company's audit log: read-only, written by the database for every change. */
@ApiTags('audit')
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  /** Newest first; filter by record, actor, action and time. */
  @Get()
  @Auth(AuditPermission.Read)
  @ApiOkResponse({ type: PageResponseOf(AuditLogResponseDto) })
  listAuditLogs(@Query() query: ListAuditLogsQueryDto): Promise<Page<AuditLogResponseDto>> {
    const { entityType, entityId, actorId, action, createdFrom, createdTo, ...page } = query;
    return this.trail.list({ entityType, entityId, actorId, actions: action, createdFrom, createdTo }, page);
  }
}
