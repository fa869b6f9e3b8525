import { PermissionSet } from '@libs/core';

/** The permission keys of outbound webhooks (SPEC §11.2); the `platform` domain is shared with other platform modules. */
export const WebhooksPermission = {
  Read: 'platform.webhook.read',
  Manage: 'platform.webhook.manage',
} as const;

export const WEBHOOKS_PERMISSIONS = new PermissionSet('platform', [
  {
    key: WebhooksPermission.Read,
    description: 'List webhook endpoints (never their secrets), the event catalogue and the delivery log',
  },
  {
    key: WebhooksPermission.Manage,
    description: 'Create, change, test, enable and delete webhook endpoints; rotate secrets; redeliver',
  },
]);
