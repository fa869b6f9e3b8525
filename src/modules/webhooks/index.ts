// The public API of the webhooks module: other modules publish events through DomainEvents and
// declare their types in an EventTypeSet; they need nothing else from here.
export { WebhooksModule } from './webhooks.module';
export { WebhooksPermission } from './webhooks.permissions';
export { WEBHOOK_TEST_EVENT } from './webhooks.events';
