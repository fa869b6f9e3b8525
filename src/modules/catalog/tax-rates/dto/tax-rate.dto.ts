import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { IsPercentString } from '../../decimal-strings';
import { TAX_RATE_SORT } from '../tax-rates.repository';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

export class CreateTaxRateDto {
  /** 1..50 characters, unique in the company ignoring case. */
  @ApiProperty({ minLength: 1, maxLength: 50, example: 'GST' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  /** Percentage as a decimal string, 0..100, at most 3 decimals. */
  @ApiProperty({ type: String, example: '10.000' })
  @IsPercentString(3)
  ratePercent: string;

  /** true: prices include the tax (it is extracted from the subtotal, not added). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  inclusive?: boolean;

  /** Applied to products without a rate of their own; setting it unsets the previous default. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdateTaxRateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional({ type: String, example: '10.000' })
  @IsOptional()
  @IsPercentString(3)
  ratePercent?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  inclusive?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class ListTaxRatesQueryDto extends CursorListQueryDto {
  @SortParam(TAX_RATE_SORT.keys, TAX_RATE_SORT.default)
  sort?: string;
}
