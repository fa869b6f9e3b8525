import { AuditedEntitySet } from '@libs/core';
import { OrdersPermission } from './orders.permissions';

/** The audit rows of the sales tables (they appear in their customer's timeline), and their read keys. */
export const ORDERS_AUDITED_ENTITIES = new AuditedEntitySet([
  { entityType: 'order', readPermission: OrdersPermission.OrderRead },
  { entityType: 'order_item', readPermission: OrdersPermission.OrderRead },
  { entityType: 'contract', readPermission: OrdersPermission.ContractRead },
]);
