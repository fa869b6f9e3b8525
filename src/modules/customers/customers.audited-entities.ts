import { AuditedEntitySet } from '@libs/core';
import { CustomersPermission } from './customers.permissions';

/** The audit rows of the customers tables, and who may read them in a timeline. */
export const CUSTOMERS_AUDITED_ENTITIES = new AuditedEntitySet([
  { entityType: 'customer', readPermission: CustomersPermission.CustomerRead },
  { entityType: 'customer_contact_point', readPermission: CustomersPermission.CustomerRead },
  { entityType: 'customer_address', readPermission: CustomersPermission.CustomerRead },
  { entityType: 'customer_identity', readPermission: CustomersPermission.CustomerRead },
  { entityType: 'customer_tag', readPermission: CustomersPermission.CustomerRead },
  { entityType: 'tag', readPermission: CustomersPermission.TagRead },
]);
