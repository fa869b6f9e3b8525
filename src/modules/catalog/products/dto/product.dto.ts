import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PRODUCT_TYPES, type ProductType } from '../entities/product.entity';
import { IsJsonObject } from '@libs/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateProductDto {
  /** Unique in the company ignoring case. */
  @ApiProperty({ pattern: '^[A-Za-z0-9._-]{1,64}$', example: 'PRO-PLAN' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'sku must be 1..64 characters of A-Z, a-z, 0-9, ".", "_" and "-"',
  })
  sku: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Pro plan' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  /** `subscription` lines need a duration; goods and services take none. */
  @ApiProperty({ enum: PRODUCT_TYPES })
  @IsIn(PRODUCT_TYPES)
  type: ProductType;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  /** The product's own tax rate; absent or null = the company's default rate. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  taxRateId?: string | null;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20, default: 'each', example: 'seat' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 20)
  unit?: string;

  /** Free-form attributes: an object ≤ 16 KB, keys `^[a-zA-Z][a-zA-Z0-9_]{0,63}$`. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { color: 'blue' } })
  @IsOptional()
  @IsJsonObject({ attributeKeys: true })
  attributes?: Record<string, unknown>;
}

export class UpdateProductDto extends PartialType(CreateProductDto) {}
