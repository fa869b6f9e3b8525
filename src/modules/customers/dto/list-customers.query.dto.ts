import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { SearchableListQueryDto, SortParam } from '@libs/core';
import { IsAttributeFilter } from '../attribute-filter';
import {
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  CUSTOMER_TIERS,
  type CustomerKind,
  type CustomerStatus,
  type CustomerTier,
} from '../entities/customer.entity';

export const CUSTOMER_SORT = { keys: ['name', 'createdAt', 'updatedAt'], default: 'name' } as const;

/** `a,b` -> `['a', 'b']` (multi-value filters are comma-separated, SPEC §1). */
const commaList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value);
const booleanParam = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCustomersQueryDto extends SearchableListQueryDto {
  /** With `q`, results are ranked first (exact, then prefix, then substring matches), then sorted. */
  @SortParam(CUSTOMER_SORT.keys, CUSTOMER_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated: person, business.' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CUSTOMER_KINDS, { each: true })
  kind?: CustomerKind[];

  @ApiPropertyOptional({ description: 'Comma-separated: standard, silver, gold, platinum.' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CUSTOMER_TIERS, { each: true })
  tier?: CustomerTier[];

  @ApiPropertyOptional({ description: 'Comma-separated: active, inactive.' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CUSTOMER_STATUSES, { each: true })
  status?: CustomerStatus[];

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  blocked?: boolean;

  /** Customers carrying any of these tags (comma-separated ids). */
  @ApiPropertyOptional({ description: 'Comma-separated tag ids (any of them).' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  tagId?: string[];

  @ApiPropertyOptional({ description: 'Comma-separated member ids.' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  ownerId?: string[];

  @ApiPropertyOptional({ description: 'Comma-separated business customer ids.' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  organizationId?: string[];

  /** `only`: the deleted customers instead (needs customers.customer.write). */
  @ApiPropertyOptional({ enum: ['only'] })
  @IsOptional()
  @IsIn(['only'])
  deleted?: 'only';

  /** The `attr.<key>=<value>` parameters, gathered by AttributeFilterInterceptor. */
  @ApiHideProperty()
  @IsOptional()
  @IsAttributeFilter()
  attr?: Record<string, string>;
}
