import { EventTypeSet } from '@libs/core';

/**
 * The outbox event types of the orders module (SPEC §7). Order events carry the OrderResponseDto,
 * contract events the ContractResponseDto.
 */
export const OrdersEvent = {
  OrderCreated: 'order.created',
  OrderSubmitted: 'order.submitted',
  OrderConfirmed: 'order.confirmed',
  OrderFulfilled: 'order.fulfilled',
  OrderCompleted: 'order.completed',
  OrderCancelled: 'order.cancelled',
  ContractCreated: 'contract.created',
  ContractActivated: 'contract.activated',
  ContractExpired: 'contract.expired',
  ContractTerminated: 'contract.terminated',
  ContractRenewed: 'contract.renewed',
} as const;

export const ORDERS_EVENT_TYPES = new EventTypeSet('orders', [
  { type: OrdersEvent.OrderCreated, description: 'A draft order was created' },
  { type: OrdersEvent.OrderSubmitted, description: 'An order was submitted: prices frozen, number assigned' },
  { type: OrdersEvent.OrderConfirmed, description: 'An order was confirmed (its contracts were created)' },
  { type: OrdersEvent.OrderFulfilled, description: 'An order was fulfilled' },
  { type: OrdersEvent.OrderCompleted, description: 'An order was completed' },
  {
    type: OrdersEvent.OrderCancelled,
    description: 'An order was cancelled (its pending contracts terminated)',
  },
  { type: OrdersEvent.ContractCreated, description: 'A contract was created from a subscription line' },
  { type: OrdersEvent.ContractActivated, description: 'A contract became active' },
  { type: OrdersEvent.ContractExpired, description: 'An active contract reached its end date' },
  { type: OrdersEvent.ContractTerminated, description: 'A contract was terminated before its end' },
  {
    type: OrdersEvent.ContractRenewed,
    description: 'A contract was renewed (data: the new pending contract)',
  },
]);
