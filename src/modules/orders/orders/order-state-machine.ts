import { OrdersPermission } from '../orders.permissions';
import { StateMachine, type Transition } from '../state-machine';

export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'confirmed',
  'fulfilled',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['submit', 'confirm', 'fulfil', 'complete', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The order lifecycle of SPEC §7; guards and effects live in OrderTransitionsService. */
export const ORDER_MACHINE = new StateMachine<OrderStatus, OrderAction>('order', [
  { action: 'submit', from: ['draft'], to: 'submitted' },
  { action: 'confirm', from: ['submitted'], to: 'confirmed' },
  { action: 'fulfil', from: ['confirmed'], to: 'fulfilled' },
  { action: 'complete', from: ['fulfilled'], to: 'completed' },
  { action: 'cancel', from: ['draft', 'submitted', 'confirmed'], to: 'cancelled' },
]);

/** The permission each action needs (SPEC §7's endpoint table). */
export const ORDER_ACTION_PERMISSION: Record<OrderAction, string> = {
  submit: OrdersPermission.OrderSubmit,
  confirm: OrdersPermission.OrderConfirm,
  fulfil: OrdersPermission.OrderFulfil,
  complete: OrdersPermission.OrderFulfil,
  cancel: OrdersPermission.OrderCancel,
};

export type OrderTransition = Transition<OrderStatus, OrderAction>;
