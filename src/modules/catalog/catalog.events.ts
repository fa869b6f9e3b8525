import { EventTypeSet } from '@libs/core';

/** The outbox event types of the catalog (SPEC §11.2 catalogue); `data` is the ProductResponseDto. */
export const CatalogEvent = {
  ProductCreated: 'product.created',
  ProductUpdated: 'product.updated',
  ProductArchived: 'product.archived',
} as const;

export const CATALOG_EVENT_TYPES = new EventTypeSet('catalog', [
  { type: CatalogEvent.ProductCreated, description: 'A product was created' },
  {
    type: CatalogEvent.ProductUpdated,
    description: 'A product, or one of its price ladders, changed; also sent when it is unarchived',
  },
  { type: CatalogEvent.ProductArchived, description: 'A product was archived (no new quote or order lines)' },
]);
