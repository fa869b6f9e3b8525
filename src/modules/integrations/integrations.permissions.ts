import { PermissionSet } from '@libs/core';

/** The integrations keys of the platform domain (SPEC §11.3, §11.7); other platform.* keys live in their modules. */
export const IntegrationsPermission = {
  ProviderRead: 'platform.provider.read',
  ProviderManage: 'platform.provider.manage',
  InboundEventRead: 'platform.inbound-event.read',
  InboundEventManage: 'platform.inbound-event.manage',
} as const;

export const INTEGRATIONS_PERMISSIONS = new PermissionSet('platform', [
  {
    key: IntegrationsPermission.ProviderRead,
    description: 'List provider configurations (never their credentials or inbound secrets)',
  },
  {
    key: IntegrationsPermission.ProviderManage,
    description: 'Create, change, activate, test and delete provider configurations; rotate inbound secrets',
  },
  { key: IntegrationsPermission.InboundEventRead, description: 'List the inbound webhook events received' },
  { key: IntegrationsPermission.InboundEventManage, description: 'Reprocess failed inbound webhook events' },
]);
