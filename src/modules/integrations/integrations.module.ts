import { Module } from '@nestjs/common';
import { InboundEventsController, InboundController } from './inbound/inbound.controller';
import { InboundEventsRepository } from './inbound/inbound-events.repository';
import { InboundEventsService } from './inbound/inbound-events.service';
import { InboundHandlerRegistry } from './inbound/inbound-handler-registry';
import { InboundProcessor } from './inbound/inbound-processor';
import { InboundReceiver } from './inbound/inbound-receiver';
import { RawBodyCapture } from './inbound/raw-body';
import { INTEGRATIONS_PERMISSIONS } from './integrations.permissions';
import { ProviderConfigsController } from './provider-configs/provider-configs.controller';
import { ProviderConfigsRepository } from './provider-configs/provider-configs.repository';
import { ProviderConfigsService } from './provider-configs/provider-configs.service';
import { secretBoxProvider } from './secret-box';

/**
 * Integrations (SPEC §11.7, §11.3; schema `platform`): per-company provider configurations with
 * encrypted credentials, and the inbound webhook store that verifies, stores and hands provider
 * events to the handler registered for the configuration's type (InboundHandlerRegistry, exported).
 */
@Module({
  controllers: [ProviderConfigsController, InboundController, InboundEventsController],
  providers: [
    { provide: 'INTEGRATIONS_PERMISSIONS', useValue: INTEGRATIONS_PERMISSIONS },
    secretBoxProvider,
    ProviderConfigsRepository,
    ProviderConfigsService,
    InboundEventsRepository,
    InboundEventsService,
    InboundHandlerRegistry,
    InboundProcessor,
    InboundReceiver,
    RawBodyCapture,
  ],
  exports: [InboundHandlerRegistry],
})
export class IntegrationsModule {}
