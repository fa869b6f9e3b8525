import { PermissionSet } from '@libs/core';

/** The permission keys of the customers module (SPEC §5's endpoint table). */
export const CustomersPermission = {
  CustomerRead: 'customers.customer.read',
  CustomerWrite: 'customers.customer.write',
  TagRead: 'customers.tag.read',
  TagWrite: 'customers.tag.write',
} as const;

export const CUSTOMERS_PERMISSIONS = new PermissionSet('customers', [
  {
    key: CustomersPermission.CustomerRead,
    description: 'List and read customers with their contact points, addresses, identities and tags',
    scopable: true,
  },
  {
    key: CustomersPermission.CustomerWrite,
    description: 'Create, change, block, delete and restore customers and their contact details',
    scopable: true,
  },
  { key: CustomersPermission.TagRead, description: 'List the tag catalogue' },
  { key: CustomersPermission.TagWrite, description: 'Create, rename and delete tags' },
]);
