import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsExternalRefs, IsExternalRefsPatch } from '../../external-refs';
import { OrderItemDto } from './order-item.dto';

/** SPEC §7 sets no bound; 200 lines keep one order's repricing a single quick round. */
export const MAX_ORDER_ITEMS = 200;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId: string;

  /** ISO 4217; default: the company's default currency. */
  @ApiPropertyOptional({ example: 'AUD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /** References in other systems, e.g. `{"erp": "SO-881"}`. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { erp: 'SO-881' },
  })
  @IsOptional()
  @IsExternalRefs()
  externalRefs?: Record<string, string>;

  @ApiPropertyOptional({ type: () => [OrderItemDto], maxItems: MAX_ORDER_ITEMS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ORDER_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items?: OrderItemDto[];
}

/**
 * PATCH /orders/:id. On a draft every field may change (customer and currency reprice the lines); on
 * other states only `notes` and `externalRefs` (a merge-patch: null removes a reference).
 */
export class UpdateOrderDto {
  // null is no customer or currency: only an absent field is left alone.
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ example: 'AUD' })
  @ValidateIf((_, value) => value !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', nullable: true } })
  @IsOptional()
  @IsExternalRefsPatch()
  externalRefs?: Record<string, string | null>;
}

export class CancelOrderDto {
  /** Why the order is cancelled, 1..500 characters. */
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Customer changed their mind' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason: string;
}
