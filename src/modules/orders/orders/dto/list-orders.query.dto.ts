import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { ORDER_STATUSES, type OrderStatus } from '../order-state-machine';

export const ORDER_SORT = {
  keys: ['createdAt', 'submittedAt', 'number', 'total'],
  default: '-createdAt',
} as const;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

/**
 * Filters of `GET /orders`. Sorting by `submittedAt` or `number` lists only orders that have one (drafts
 * and orders cancelled as drafts have neither).
 */
export class ListOrdersQueryDto extends CursorListQueryDto {
  @SortParam(ORDER_SORT.keys, ORDER_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses, e.g. `submitted,confirmed`.' })
  @IsOptional()
  @Transform(csv)
  @ArrayMaxSize(ORDER_STATUSES.length)
  @IsIn(ORDER_STATUSES, { each: true, message: `each status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  /** The exact number, e.g. `ORD-2026-000123`. */
  @ApiPropertyOptional({ example: 'ORD-2026-000123' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  number?: string;

  /** Inclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  /** Exclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;

  /** Inclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  submittedFrom?: Date;

  /** Exclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  submittedTo?: Date;
}

/** `GET /customers/:id/orders`: the same list for one customer (its customer is the path's). */
export class ListCustomerOrdersQueryDto extends PickType(ListOrdersQueryDto, [
  'limit',
  'cursor',
  'withTotal',
  'sort',
  'status',
  'createdFrom',
  'createdTo',
  'submittedFrom',
  'submittedTo',
] as const) {}
