import { ApiProperty } from '@nestjs/swagger';
import { TIER_MODES, type TierMode } from '../../pricing/pricing-engine';

export class PriceBandResponseDto {
  @ApiProperty({ example: 1 })
  minQty: number;

  @ApiProperty({ type: Number, nullable: true, example: 10, description: 'null: open band' })
  maxQty: number | null;

  @ApiProperty({ type: String, example: '10.0000' })
  unitPrice: string;
}

export class PriceLadderResponseDto {
  @ApiProperty({ example: 'AUD' })
  currency: string;

  @ApiProperty({ enum: TIER_MODES })
  tierMode: TierMode;

  @ApiProperty({ type: () => [PriceBandResponseDto] })
  tiers: PriceBandResponseDto[];
}

export class PriceLaddersResponseDto {
  @ApiProperty({ type: () => [PriceLadderResponseDto] })
  data: PriceLadderResponseDto[];
}
