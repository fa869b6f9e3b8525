import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { PERMISSION_SORT } from '../permissions.repository';

/** `GET /permissions`: the live catalogue, optionally of one domain (module). */
export class ListPermissionsQueryDto extends CursorListQueryDto {
  @SortParam(PERMISSION_SORT.keys, PERMISSION_SORT.default)
  sort?: string;

  /** Only the keys of this domain (module), e.g. `customers`. */
  @ApiPropertyOptional({ example: 'customers' })
  @IsOptional()
  @Matches(/^[a-z]{1,50}$/, { message: 'must be a lowercase domain name' })
  domain?: string;
}
