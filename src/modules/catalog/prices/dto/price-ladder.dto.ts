import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TIER_MODES, type TierMode } from '../../pricing/pricing-engine';
import { MAX_QUANTITY } from '../../pricing/quote-request';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class PriceBandDto {
  /** Bands end at the quantity limit of a line (1,000,000) at most. */
  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY, example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  minQty: number;

  /** Last unit of the band; absent or null = open band (only the last band may be open). */
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_QUANTITY, example: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  maxQty?: number | null;

  /** Decimal string ≥ 0 with at most 4 decimals (checked with the ladder: `invalid_price`). */
  @ApiProperty({ type: String, example: '10.0000' })
  @IsDefined()
  unitPrice: string;
}

export class PutPriceLadderDto {
  /** ISO 4217, from reference data. */
  @ApiProperty({ example: 'AUD' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  @ApiProperty({ enum: TIER_MODES })
  @IsIn(TIER_MODES)
  tierMode: TierMode;

  /** 1..20 contiguous bands, the first starting at 1; only the last may be open. */
  @ApiProperty({ type: () => [PriceBandDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PriceBandDto)
  tiers: PriceBandDto[];
}

export class GetPriceLaddersQueryDto {
  /** Only the ladder of this currency. */
  @ApiPropertyOptional({ example: 'AUD' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}
