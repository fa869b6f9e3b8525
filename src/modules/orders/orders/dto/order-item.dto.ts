import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One line of a draft order; its price is computed, never sent. */
export class OrderItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 25 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  /** Required for subscriptions, refused for goods and services. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  durationId?: string | null;

  /** Subscriptions only: when the contract starts (default: the confirm date); not before today. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-03-01' })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string | null;

  /** Manual discount: a decimal string "0".."100", at most 2 decimals (default "0"). */
  @ApiPropertyOptional({ type: String, example: '5.00', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  discountPercent?: string | null;
}

/** A change to one line of a draft: the fields sent replace the line's. */
export class UpdateOrderItemDto {
  // null is no product or quantity: only an absent field is left alone.
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000 })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  durationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '5.00', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  discountPercent?: string | null;
}
