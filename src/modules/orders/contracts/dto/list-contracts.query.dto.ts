import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { CONTRACT_STATUSES, type ContractStatus } from '../contract-state-machine';

export const CONTRACT_SORT = { keys: ['createdAt', 'startDate', 'endDate'], default: '-createdAt' } as const;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ListContractsQueryDto extends CursorListQueryDto {
  @SortParam(CONTRACT_SORT.keys, CONTRACT_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses, e.g. `pending,active`.' })
  @IsOptional()
  @Transform(csv)
  @ArrayMaxSize(CONTRACT_STATUSES.length)
  @IsIn(CONTRACT_STATUSES, {
    each: true,
    message: `each status must be one of ${CONTRACT_STATUSES.join(', ')}`,
  })
  status?: ContractStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  /** End date from (inclusive), `YYYY-MM-DD`. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'endFrom must be a date YYYY-MM-DD' })
  endFrom?: string;

  /** End date to (exclusive), `YYYY-MM-DD`. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'endTo must be a date YYYY-MM-DD' })
  endTo?: string;
}
