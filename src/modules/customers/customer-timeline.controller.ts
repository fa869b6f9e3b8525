import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Auth,
  CurrentPrincipal,
  CursorListQueryDto,
  type Page,
  PageResponseOf,
  ParseIdPipe,
  type Principal,
} from '@libs/core';
import { AuditLogResponseDto } from '../audit';
import { CustomerTimelineService } from './customer-timeline.service';
import { CustomersPermission } from './customers.permissions';

@ApiTags('customers')
@Controller('customers/:id/timeline')
export class CustomerTimelineController {
  constructor(private readonly timelines: CustomerTimelineService) {}

  /** What happened to the customer and the records about it, newest first (those the caller may read). */
  @Get()
  @Auth(CustomersPermission.CustomerRead)
  @ApiOkResponse({ type: PageResponseOf(AuditLogResponseDto) })
  @ApiNotFoundResponse({ description: 'No such customer in the active company (or outside your scope).' })
  getCustomerTimeline(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: CursorListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<AuditLogResponseDto>> {
    return this.timelines.timeline(principal, id, query);
  }
}
