import { Inject, Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { v7 as uuidv7 } from 'uuid';
import { CoreErrorCode, InvalidInputError, type RequestContextStore } from '@libs/core';
import type { SecretBox } from '@libs/security';
import { invalidSignature, notFound } from '../integrations.errors';
import type { ProviderName } from '../provider-configs/entities/provider-config.entity';
import {
  ProviderConfigsRepository,
  type SealedProviderConfig,
} from '../provider-configs/provider-configs.repository';
import { openInboundSecret } from '../provider-configs/sealed-secrets';
import { INTEGRATIONS_SECRET_BOX } from '../secret-box';
import { genericAdapter } from './generic-adapter';
import {
  type InboundAdapter,
  type InboundRequest,
  InboundVerificationError,
  type VerifiedInbound,
} from './inbound-adapter';
import { InboundEventsRepository } from './inbound-events.repository';
import { InboundProcessor } from './inbound-processor';

/** The providers whose webhooks can be verified (provider-specific adapters are LATER). */
const INBOUND_ADAPTERS: Partial<Record<ProviderName, InboundAdapter>> = { generic: genericAdapter };

/** Route keys are `generateToken()` values: 43 base64url characters. */
const ROUTE_KEY = /^[A-Za-z0-9_-]{43}$/;

export type InboundReceipt = { duplicate: true } | { duplicate: false; id: string };

/**
 * `POST /inbound/:provider/:routeKey` (SPEC §11.3). The route key names the configuration (hence the
 * company); the configuration's adapter proves the webhook authentic before anything is stored; a
 * redelivery is recognised by its external id; a new event is stored and its handler run queued in
 * one transaction.
 */
@Injectable()
export class InboundReceiver {
  private readonly logger = new Logger('InboundEvents');

  constructor(
    private readonly configs: ProviderConfigsRepository,
    private readonly events: InboundEventsRepository,
    private readonly processor: InboundProcessor,
    @Inject(INTEGRATIONS_SECRET_BOX) private readonly box: SecretBox,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
  ) {}

  /** 404 unknown route key or provider, 401 not authentic (nothing stored), 400 no JSON body. */
  async receive(provider: string, routeKey: string, request: InboundRequest): Promise<InboundReceipt> {
    const config = ROUTE_KEY.test(routeKey) ? await this.configs.findActiveByRouteKey(routeKey) : null;
    const adapter = config?.provider === provider ? INBOUND_ADAPTERS[config.provider] : undefined;
    if (!config || !adapter) throw notFound('Inbound route');
    // There is no principal: the route key tells the company, which scopes the rest of the request.
    this.cls.set('companyId', config.companyId);
    this.cls.set('actor', { type: 'system', id: null });
    const verified = this.verify(adapter, config, request);
    if (request.body === undefined) {
      throw new InvalidInputError(
        [{ path: 'body', code: CoreErrorCode.MalformedBody, message: 'send the event as a JSON body' }],
        CoreErrorCode.MalformedBody,
      );
    }
    return this.store(config, verified, request.body);
  }

  private verify(
    adapter: InboundAdapter,
    config: SealedProviderConfig,
    request: InboundRequest,
  ): VerifiedInbound {
    const secret = openInboundSecret(this.box, config.id, config.inboundSecretCiphertext);
    try {
      return adapter.verify(request, secret);
    } catch (error) {
      if (!(error instanceof InboundVerificationError)) throw error;
      this.logger.warn({ providerConfigId: config.id, reason: error.reason }, 'Inbound webhook rejected');
      throw invalidSignature();
    }
  }

  @Transactional()
  private async store(
    config: SealedProviderConfig,
    verified: VerifiedInbound,
    payload: unknown,
  ): Promise<InboundReceipt> {
    const id = uuidv7();
    const stored = await this.events.insertIfNew({
      id,
      provider: config.provider,
      providerConfigId: config.id,
      externalEventId: verified.externalEventId,
      eventType: verified.eventType,
      payload,
    });
    if (!stored) return { duplicate: true };
    await this.processor.enqueue(config.companyId, id);
    return { duplicate: false, id };
  }
}
