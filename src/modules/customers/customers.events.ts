import { EventTypeSet } from '@libs/core';

/** The outbox event types of the customers module; `data` is the CustomerDetailResponseDto. */
export const CustomerEvent = {
  Created: 'customer.created',
  Updated: 'customer.updated',
  Deleted: 'customer.deleted',
  Restored: 'customer.restored',
} as const;

export const CUSTOMERS_EVENT_TYPES = new EventTypeSet('customers', [
  { type: CustomerEvent.Created, description: 'A customer was created' },
  {
    type: CustomerEvent.Updated,
    description: 'A customer changed: its fields, block state, contact points, addresses, identities or tags',
  },
  { type: CustomerEvent.Deleted, description: 'A customer was deleted (soft delete; it can be restored)' },
  { type: CustomerEvent.Restored, description: 'A deleted customer was restored' },
]);
