import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactional } from '@nestjs-cls/transactional';
import { v7 as uuidv7 } from 'uuid';
import { assertIfMatch, type FieldError, mapPage, type Page } from '@libs/core';
import { DomainEvents, Jobs } from '@libs/persistence';
import { generateWebhookSecret } from '@libs/security';
import type { WebhooksConfig } from '../../config';
import { DeliveriesRepository } from './deliveries.repository';
import { SECRET_ROTATION_OVERLAP_MS } from './delivery-policy';
import { type ListWebhookDeliveriesQueryDto, WebhookDeliveryResponseDto } from './dto/webhook-delivery.dto';
import type {
  CreateWebhookEndpointDto,
  ListWebhookEndpointsQueryDto,
  UpdateWebhookEndpointDto,
} from './dto/webhook-endpoint.dto';
import {
  type EventTypeResponseDto,
  WebhookEndpointResponseDto,
  type WebhookEndpointWithSecretResponseDto,
} from './dto/webhook-endpoint.response.dto';
import { EndpointsRepository, type EndpointChanges } from './endpoints.repository';
import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { EventCatalogue } from './event-catalogue';
import { checkWebhookUrl, UrlNotAllowedError } from './url-guard';
import { DELIVER_JOB } from './webhook-dispatcher';
import { WebhookSecrets } from './webhook-secrets';
import {
  concurrentChange,
  endpointDisabled,
  invalidFields,
  notFound,
  urlNotAllowed,
  WebhooksErrorCode,
} from './webhooks.errors';
import { WEBHOOK_TEST_EVENT } from './webhooks.events';

/**
 * Webhook endpoints of the active company and their delivery log (SPEC §11.2). The secret is
 * generated here, shown once (create, rotate) and stored sealed; every URL passes the SSRF guard
 * before it is stored (and again before each delivery, by the dispatcher).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(EndpointsRepository) private readonly endpoints: EndpointsRepository,
    @Inject(DeliveriesRepository) private readonly deliveries: DeliveriesRepository,
    @Inject(EventCatalogue) private readonly catalogue: EventCatalogue,
    @Inject(WebhookSecrets) private readonly secrets: WebhookSecrets,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(Jobs) private readonly jobs: Jobs,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  eventTypes(): EventTypeResponseDto[] {
    return this.catalogue.list().map(({ type, description, domain }) => ({ type, description, domain }));
  }

  async list(query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpointResponseDto>> {
    return mapPage(await this.endpoints.listPage(query), (endpoint) =>
      WebhookEndpointResponseDto.from(endpoint),
    );
  }

  async get(id: string): Promise<WebhookEndpointResponseDto> {
    return WebhookEndpointResponseDto.from(await this.mustFind(id));
  }

  /** 400 `url` when the guard refuses it, `eventTypes[i]` when not in the catalogue; 409 for a URL in use. */
  async create(dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretResponseDto> {
    // Resolved before the transaction opens: DNS may be slow, a transaction should not wait on it.
    await this.assertUrlAllowed(dto.url);
    return this.insert(dto, this.checkedEventTypes(dto.eventTypes));
  }

  async update(
    id: string,
    dto: UpdateWebhookEndpointDto,
    ifMatch: string | undefined,
  ): Promise<WebhookEndpointResponseDto> {
    if (dto.url !== undefined) await this.assertUrlAllowed(dto.url);
    const changes: EndpointChanges = {
      ...(dto.url !== undefined ? { url: dto.url } : {}),
      ...(dto.eventTypes !== undefined ? { eventTypes: this.checkedEventTypes(dto.eventTypes) } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
    };
    return WebhookEndpointResponseDto.from(await this.change(id, ifMatch, () => changes));
  }

  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const endpoint = await this.mustFind(id);
    assertIfMatch(ifMatch, endpoint.version);
    if (!(await this.endpoints.softDelete(id, endpoint.version))) throw concurrentChange();
  }

  /**
   * A new secret, shown once. The replaced one keeps signing for 24 h (a second signature), so the
   * receiver can switch without rejecting a message; a rotation within that window drops the oldest.
   */
  async rotateSecret(id: string, ifMatch: string | undefined): Promise<WebhookEndpointWithSecretResponseDto> {
    const secret = generateWebhookSecret();
    const endpoint = await this.change(id, ifMatch, (current) => ({
      secretCiphertext: this.secrets.seal(current.id, secret),
      previousSecretCiphertext: current.secretCiphertext,
      previousSecretExpiresAt: new Date(Date.now() + SECRET_ROTATION_OVERLAP_MS),
    }));
    return { ...WebhookEndpointResponseDto.from(endpoint), secret };
  }

  /** Enables the endpoint and resets its failure count; waiting retries resume. */
  async enable(id: string, ifMatch: string | undefined): Promise<WebhookEndpointResponseDto> {
    const endpoint = await this.change(id, ifMatch, () => ({
      enabled: true,
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
    }));
    return WebhookEndpointResponseDto.from(endpoint);
  }

  /** Publishes a `webhook.test` event, which the dispatcher sends to this endpoint only. */
  @Transactional()
  async test(id: string): Promise<void> {
    const endpoint = await this.mustFind(id);
    if (!endpoint.enabled) throw endpointDisabled();
    await this.events.publish({
      type: WEBHOOK_TEST_EVENT,
      aggregateType: 'webhook_endpoint',
      aggregateId: endpoint.id,
      data: WebhookEndpointResponseDto.from(endpoint),
    });
  }

  async listDeliveries(
    endpointId: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    await this.mustFind(endpointId);
    const page = await this.deliveries.listPage(endpointId, query);
    const attempts = await this.deliveries.attemptsOf(page.data.map((delivery) => delivery.id));
    return mapPage(page, (delivery) =>
      WebhookDeliveryResponseDto.from(delivery, attempts.get(delivery.id) ?? []),
    );
  }

  /**
   * A new attempt series for the same event (same `webhook-id`, so receivers can still dedupe), due now.
   * 409 while the endpoint is disabled: the attempts would only wait.
   */
  @Transactional()
  async redeliver(deliveryId: string): Promise<WebhookDeliveryResponseDto> {
    const found = await this.deliveries.findWithEndpoint(deliveryId);
    if (!found) throw notFound('Webhook delivery');
    if (!found.endpointEnabled) throw endpointDisabled();
    const delivery = await this.deliveries.restart(deliveryId);
    // Written with the change: the dispatcher looks right after the commit.
    await this.jobs.send(DELIVER_JOB, {});
    const attempts = await this.deliveries.attemptsOf([deliveryId]);
    return WebhookDeliveryResponseDto.from(delivery, attempts.get(deliveryId) ?? []);
  }

  @Transactional()
  private async insert(
    dto: CreateWebhookEndpointDto,
    eventTypes: string[],
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    const id = uuidv7();
    const secret = generateWebhookSecret();
    // A URL the company already uses breaks uq_webhook_endpoints_company_id_url: 409 unique_violation.
    const endpoint = await this.endpoints.insert({
      id,
      url: dto.url,
      description: dto.description ?? null,
      eventTypes,
      secretCiphertext: this.secrets.seal(id, secret),
    });
    return { ...WebhookEndpointResponseDto.from(endpoint), secret };
  }

  /** Reads the endpoint, checks If-Match, applies the changes under its version; the new row. */
  @Transactional()
  private async change(
    id: string,
    ifMatch: string | undefined,
    changesOf: (current: WebhookEndpoint) => EndpointChanges,
  ): Promise<WebhookEndpoint> {
    const current = await this.mustFind(id);
    assertIfMatch(ifMatch, current.version);
    const changes = changesOf(current);
    if (Object.keys(changes).length === 0) return current;
    const updated = await this.endpoints.update(id, current.version, changes);
    if (!updated) throw concurrentChange();
    return updated;
  }

  private async mustFind(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findById(id);
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  private async assertUrlAllowed(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, this.config.getOrThrow<WebhooksConfig>('webhooks'));
    } catch (error) {
      if (error instanceof UrlNotAllowedError) throw urlNotAllowed(error.message);
      throw error;
    }
  }

  /** The requested types, each from the catalogue and listed once; every fault named in one 400. */
  private checkedEventTypes(requested: readonly string[]): string[] {
    const errors: FieldError[] = [];
    requested.forEach((type, i) => {
      if (!this.catalogue.has(type)) {
        errors.push({
          path: `eventTypes[${i}]`,
          code: WebhooksErrorCode.UnknownEventType,
          message: `"${type}" is not an event type of the catalogue (GET /webhooks/event-types)`,
        });
      } else if (requested.indexOf(type) !== i) {
        errors.push({
          path: `eventTypes[${i}]`,
          code: WebhooksErrorCode.ValidationFailed,
          message: `"${type}" is listed twice`,
        });
      }
    });
    if (errors.length) throw invalidFields(errors, errors[0].code as WebhooksErrorCode);
    return [...requested];
  }
}
