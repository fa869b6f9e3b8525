import { type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PageMetaDto {
  @ApiProperty({ example: 20 })
  limit: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to get the next page; null on the last page.',
  })
  nextCursor: string | null;

  @ApiPropertyOptional({ description: 'Only with `withTotal=true`.' })
  total?: number;
}

const pageClasses = new Map<Type<unknown>, Type<unknown>>();

/** The OpenAPI schema of `{ data: Item[], page }` for one item type (one class per item, named after it). */
export function PageResponseOf<T>(item: Type<T>): Type<{ data: T[]; page: PageMetaDto }> {
  const existing = pageClasses.get(item);
  if (existing) return existing as Type<{ data: T[]; page: PageMetaDto }>;
  class PageResponse {
    @ApiProperty({ type: () => [item] })
    data: T[];

    @ApiProperty({ type: () => PageMetaDto })
    page: PageMetaDto;
  }
  Object.defineProperty(PageResponse, 'name', {
    value: `${item.name.replace(/(Response)?(Dto)?$/, '')}Page`,
  });
  pageClasses.set(item, PageResponse);
  return PageResponse;
}
