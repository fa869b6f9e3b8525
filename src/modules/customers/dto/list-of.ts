import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const listClasses = new Map<Type<unknown>, Type<unknown>>();

/**
 * The OpenAPI schema of `{ data: Item[] }`: a customer's child collection, small and always complete,
 * so it has no `page` (the customer's ETag comes in the header).
 */
export function ListOf<T>(item: Type<T>): Type<{ data: T[] }> {
  const existing = listClasses.get(item);
  if (existing) return existing as Type<{ data: T[] }>;
  class ItemList {
    @ApiProperty({ type: () => [item] })
    data: T[];
  }
  Object.defineProperty(ItemList, 'name', { value: `${item.name.replace(/(Response)?(Dto)?$/, '')}List` });
  listClasses.set(item, ItemList);
  return ItemList;
}
