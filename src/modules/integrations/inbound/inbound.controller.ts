import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Auth, type Page, PageResponseOf, ParseIdPipe, Public } from '@libs/core';
import { IntegrationsPermission } from '../integrations.permissions';
import { ListInboundEventsQueryDto } from './dto/inbound-event.dto';
import { InboundEventResponseDto, InboundReceiptResponseDto } from './dto/inbound-event.response.dto';
import { InboundEventsService } from './inbound-events.service';
import { type InboundReceipt, InboundReceiver } from './inbound-receiver';
import { KeepRawBody, rawBodyOf } from './raw-body';

/** Where providers deliver webhooks: public, authenticated by the webhook signature. */
@ApiTags('integrations')
@Controller('inbound')
export class InboundController {
  constructor(private readonly receiver: InboundReceiver) {}

  /**
   * A provider's webhook for the configuration named by `routeKey` (its `inboundPath`). `generic`:
   * Standard Webhooks headers signed with the configuration's inbound secret, within 5 minutes.
   * Answers 200 once stored (or when already received: `duplicate: true`).
   */
  @Post(':provider/:routeKey')
  @Public()
  @HttpCode(200)
  @KeepRawBody()
  @ApiOkResponse({ type: InboundReceiptResponseDto })
  @ApiUnauthorizedResponse({
    description: '`invalid_signature`: missing, wrong or stale signature; nothing stored.',
  })
  @ApiNotFoundResponse({ description: 'No active configuration of this provider has this route key.' })
  @ApiBadRequestResponse({ description: 'No JSON body.' })
  receiveInboundWebhook(
    @Param('provider') provider: string,
    @Param('routeKey') routeKey: string,
    @Req() request: FastifyRequest,
  ): Promise<InboundReceipt> {
    return this.receiver.receive(provider, routeKey, {
      headers: request.headers,
      rawBody: rawBodyOf(request),
      body: request.body,
    });
  }
}

/** The inbound webhooks received by the active company. */
@ApiTags('integrations')
@Controller('inbound-events')
export class InboundEventsController {
  constructor(private readonly events: InboundEventsService) {}

  /** Newest first; filters provider, status, receivedFrom (inclusive), receivedTo (exclusive). */
  @Get()
  @Auth(IntegrationsPermission.InboundEventRead)
  @ApiOkResponse({ type: PageResponseOf(InboundEventResponseDto) })
  listInboundEvents(@Query() query: ListInboundEventsQueryDto): Promise<Page<InboundEventResponseDto>> {
    return this.events.list(query);
  }

  /** Runs a `failed` event's handler again (409 `invalid_transition` in any other status). */
  @Post(':id/reprocess')
  @HttpCode(200)
  @Auth(IntegrationsPermission.InboundEventManage)
  @ApiOkResponse({ type: InboundEventResponseDto })
  @ApiNotFoundResponse({ description: 'No such event in the active company.' })
  @ApiConflictResponse({ description: '`invalid_transition`: the event is not failed.' })
  reprocessInboundEvent(@Param('id', ParseIdPipe) id: string): Promise<InboundEventResponseDto> {
    return this.events.reprocess(id);
  }
}
