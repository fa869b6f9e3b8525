import { PermissionSet } from '@libs/core';

/** The permission keys of the orders module (SPEC §7's endpoint table). */
export const OrdersPermission = {
  OrderRead: 'orders.order.read',
  OrderWrite: 'orders.order.write',
  OrderSubmit: 'orders.order.submit',
  OrderConfirm: 'orders.order.confirm',
  OrderFulfil: 'orders.order.fulfil',
  OrderCancel: 'orders.order.cancel',
  ContractRead: 'orders.contract.read',
  ContractManage: 'orders.contract.manage',
} as const;

export const ORDERS_PERMISSIONS = new PermissionSet('orders', [
  { key: OrdersPermission.OrderRead, description: 'List and read orders, their history and next states' },
  {
    key: OrdersPermission.OrderWrite,
    description: 'Create, change and delete draft orders; notes on any order',
  },
  { key: OrdersPermission.OrderSubmit, description: 'Submit draft orders (prices frozen, number assigned)' },
  { key: OrdersPermission.OrderConfirm, description: 'Confirm submitted orders (creates their contracts)' },
  { key: OrdersPermission.OrderFulfil, description: 'Mark confirmed orders fulfilled, then completed' },
  { key: OrdersPermission.OrderCancel, description: 'Cancel draft, submitted or confirmed orders' },
  { key: OrdersPermission.ContractRead, description: 'List and read contracts' },
  { key: OrdersPermission.ContractManage, description: 'Activate, terminate and renew contracts' },
]);
