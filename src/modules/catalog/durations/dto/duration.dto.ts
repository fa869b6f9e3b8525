import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { IsPercentString } from '../../decimal-strings';
import { DURATION_SORT } from '../durations.repository';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

export class CreateDurationDto {
  @ApiProperty({ minLength: 1, maxLength: 50, example: '2 years' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  /** 1..120, unique in the company. */
  @ApiProperty({ minimum: 1, maximum: 120, example: 24 })
  @IsInt()
  @Min(1)
  @Max(120)
  months: number;

  /** Discount for committing to this term: a decimal string 0..100, at most 2 decimals. */
  @ApiPropertyOptional({ type: String, example: '10.00', default: '0.00' })
  @IsOptional()
  @IsPercentString(2)
  discountPercent?: string;

  /** Inactive durations cannot go on new lines. */
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateDurationDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  months?: number;

  @ApiPropertyOptional({ type: String, example: '10.00' })
  @IsOptional()
  @IsPercentString(2)
  discountPercent?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListDurationsQueryDto extends CursorListQueryDto {
  @SortParam(DURATION_SORT.keys, DURATION_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
