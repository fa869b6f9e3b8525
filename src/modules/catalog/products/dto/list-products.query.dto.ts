import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SearchableListQueryDto, SortParam } from '@libs/core';
import {
  PRODUCT_STATUSES,
  PRODUCT_TYPES,
  type ProductStatus,
  type ProductType,
} from '../entities/product.entity';

export const PRODUCT_SORT = { keys: ['name', 'sku', 'createdAt'], default: 'name' } as const;

const commaSeparated = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',') : value;

export class ListProductsQueryDto extends SearchableListQueryDto {
  @SortParam(PRODUCT_SORT.keys, PRODUCT_SORT.default)
  sort?: string;

  @ApiPropertyOptional({
    enum: PRODUCT_TYPES,
    isArray: true,
    description: 'Comma-separated in one parameter: `type=good,service`.',
    example: ['good', 'service'],
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(PRODUCT_TYPES, { each: true })
  type?: ProductType[];

  @ApiPropertyOptional({
    enum: PRODUCT_STATUSES,
    isArray: true,
    description: 'Comma-separated in one parameter: `status=active,archived`.',
    example: ['active'],
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(PRODUCT_STATUSES, { each: true })
  status?: ProductStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  /** Exact SKU, ignoring case. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sku?: string;

  /** `only`: the soft-deleted products instead (needs catalog.product.write). */
  @ApiPropertyOptional({ enum: ['only'] })
  @IsOptional()
  @IsIn(['only'])
  deleted?: 'only';
}
