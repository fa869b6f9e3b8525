import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, ValidateNested } from 'class-validator';

/** Lines of one quote request; an order holds its lines itself and may price more. */
export const MAX_QUOTE_ITEMS = 200;

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/**
 * The field rules (uuid, quantity 1..1,000,000, percentage strings) live in validateQuoteRequest, shared
 * with CatalogPricing's programmatic callers; this DTO only fixes the shape and rejects unknown fields.
 */
export class QuoteItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 25 })
  @IsDefined()
  quantity: number;

  /** Required for subscriptions; refused for goods and services. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  durationId?: string | null;

  /** Manual discount: decimal string 0..100, at most 2 decimals. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '5.00' })
  @IsOptional()
  discountPercent?: string | null;
}

export class QuoteRequestDto {
  /** ISO 4217; default: the company's default currency. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'AUD' })
  @IsOptional()
  @Transform(upper)
  currency?: string | null;

  @ApiProperty({ type: () => [QuoteItemDto] })
  @IsArray()
  @ArrayMaxSize(MAX_QUOTE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items: QuoteItemDto[];
}
