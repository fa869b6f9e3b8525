// The public API of the integrations module: other modules import only from here.
export { IntegrationsModule } from './integrations.module';
export {
  InboundHandlerRegistry,
  type InboundEventForHandler,
  type InboundHandler,
} from './inbound/inbound-handler-registry';
export { IntegrationsPermission } from './integrations.permissions';
export { IntegrationsErrorCode } from './integrations.errors';
export {
  PROVIDER_TYPES,
  PROVIDERS,
  type ProviderType,
  type ProviderName,
} from './provider-configs/entities/provider-config.entity';
export { reencryptProviderConfigs, ReencryptError } from './provider-configs/reencrypt';
