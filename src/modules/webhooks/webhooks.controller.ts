import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { ListWebhookDeliveriesQueryDto, WebhookDeliveryResponseDto } from './dto/webhook-delivery.dto';
import {
  CreateWebhookEndpointDto,
  ListWebhookEndpointsQueryDto,
  UpdateWebhookEndpointDto,
} from './dto/webhook-endpoint.dto';
import {
  EventTypeListResponseDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
} from './dto/webhook-endpoint.response.dto';
import { WebhooksPermission } from './webhooks.permissions';
import { WebhooksService } from './webhooks.service';

/** Outbound webhooks of the active company: endpoints, the event catalogue, the delivery log. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** The event types an endpoint may subscribe to. */
  @Get('event-types')
  @Auth(WebhooksPermission.Read)
  @ApiOkResponse({ type: EventTypeListResponseDto })
  listWebhookEventTypes(): EventTypeListResponseDto {
    return { data: this.webhooks.eventTypes() };
  }

  /** The company's endpoints (never their secrets). */
  @Get()
  @Auth(WebhooksPermission.Read)
  @ApiOkResponse({ type: PageResponseOf(WebhookEndpointResponseDto) })
  listWebhooks(@Query() query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpointResponseDto>> {
    return this.webhooks.list(query);
  }

  /** One endpoint of the active company, never its secret. */
  @Get(':id')
  @Auth(WebhooksPermission.Read)
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiNotFoundResponse({ description: 'No such endpoint in the active company.' })
  async getWebhook(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointResponseDto> {
    return withEtag(reply, await this.webhooks.get(id));
  }

  /** Creates an endpoint; the answer carries its signing `secret`, shown this once only. */
  @Post()
  @Auth(WebhooksPermission.Manage)
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponseDto })
  @ApiConflictResponse({ description: '`unique_violation`: the company already uses this URL' })
  async createWebhook(
    @Body() dto: CreateWebhookEndpointDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return withEtag(reply, await this.webhooks.create(dto));
  }

  /** Changes the URL, the event types or the description. Honours If-Match. */
  @Patch(':id')
  @Auth(WebhooksPermission.Manage)
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async updateWebhook(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointResponseDto> {
    return withEtag(reply, await this.webhooks.update(id, dto, ifMatch));
  }

  /** Soft-deletes the endpoint: nothing more is delivered to it. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(WebhooksPermission.Manage)
  @ApiNoContentResponse()
  async deleteWebhook(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.webhooks.delete(id, ifMatch);
  }

  /** Queues a `webhook.test` event for this endpoint only. */
  @Post(':id/test')
  @HttpCode(202)
  @Auth(WebhooksPermission.Manage)
  @ApiAcceptedResponse({ description: 'The test event is queued; see GET /webhooks/{id}/deliveries.' })
  @ApiConflictResponse({ description: '`webhook_endpoint_disabled`' })
  async testWebhook(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.webhooks.test(id);
  }

  /** A new signing secret, shown once; the previous one keeps signing for 24 h. Honours If-Match. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Auth(WebhooksPermission.Manage)
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponseDto })
  async rotateWebhookSecret(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return withEtag(reply, await this.webhooks.rotateSecret(id, ifMatch));
  }

  /** Enables the endpoint and resets its failure count. Honours If-Match. */
  @Post(':id/enable')
  @HttpCode(200)
  @Auth(WebhooksPermission.Manage)
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async enableWebhook(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointResponseDto> {
    return withEtag(reply, await this.webhooks.enable(id, ifMatch));
  }

  /** The endpoint's deliveries, newest first, each with its attempts; filter by status and event type. */
  @Get(':id/deliveries')
  @Auth(WebhooksPermission.Read)
  @ApiOkResponse({ type: PageResponseOf(WebhookDeliveryResponseDto) })
  listWebhookDeliveries(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    return this.webhooks.listDeliveries(id, query);
  }

  /** Delivers the event again from a new attempt series (same `webhook-id`). */
  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @Auth(WebhooksPermission.Manage)
  @ApiOkResponse({ type: WebhookDeliveryResponseDto })
  @ApiConflictResponse({ description: '`webhook_endpoint_disabled`' })
  redeliverWebhook(@Param('id', ParseIdPipe) id: string): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.redeliver(id);
  }
}
