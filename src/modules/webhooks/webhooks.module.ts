import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { SecretBox } from '@libs/security';
import { type SecretsConfig, secretBoxOf, webhooksConfig } from '../../config';
import { DeliveriesRepository } from './deliveries.repository';
import { DispatchRepository } from './dispatch.repository';
import { DispatchTriggers } from './dispatch-triggers';
import { EndpointsRepository } from './endpoints.repository';
import { EventCatalogue } from './event-catalogue';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { WEBHOOKS_EVENT_TYPES } from './webhooks.events';
import { WEBHOOKS_PERMISSIONS } from './webhooks.permissions';
import { WebhooksService } from './webhooks.service';

/**
 * Outbound webhooks through the transactional outbox (SPEC §11.2, schema `platform`): endpoints and
 * their secrets, the event catalogue (every EventTypeSet provider), and the dispatcher jobs that fan
 * outbox events out to deliveries and make the signed, retried, SSRF-guarded attempts.
 */
@Module({
  imports: [DiscoveryModule, ConfigModule.forFeature(webhooksConfig)],
  controllers: [WebhooksController],
  providers: [
    { provide: 'WEBHOOKS_PERMISSIONS', useValue: WEBHOOKS_PERMISSIONS },
    { provide: 'WEBHOOKS_EVENT_TYPES', useValue: WEBHOOKS_EVENT_TYPES },
    {
      provide: SecretBox,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => secretBoxOf(config.getOrThrow<SecretsConfig>('secrets')),
    },
    EventCatalogue,
    EndpointsRepository,
    DeliveriesRepository,
    DispatchRepository,
    WebhookSecrets,
    WebhookDispatcher,
    DispatchTriggers,
    WebhooksService,
  ],
})
export class WebhooksModule {}
