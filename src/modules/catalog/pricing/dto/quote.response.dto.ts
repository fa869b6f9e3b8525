import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_TYPES, type ProductType } from '../../products/entities/product.entity';
import { TIER_MODES, type TierMode } from '../pricing-engine';

export class PricedBandResponseDto {
  @ApiProperty({ example: 11 })
  minQty: number;

  @ApiProperty({ type: Number, nullable: true, example: 50 })
  maxQty: number | null;

  @ApiProperty({ type: String, example: '8.0000' })
  unitPrice: string;

  /** Units of the line priced in this band. */
  @ApiProperty({ example: 15 })
  quantity: number;

  /** unitPrice × quantity, 2 dp. */
  @ApiProperty({ type: String, example: '120.00' })
  amount: string;
}

export class QuoteLineResponseDto {
  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  sku: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PRODUCT_TYPES })
  productType: ProductType;

  @ApiProperty({ enum: TIER_MODES })
  tierMode: TierMode;

  @ApiProperty({ example: 25 })
  quantity: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  durationId: string | null;

  @ApiProperty({ type: () => [PricedBandResponseDto] })
  bands: PricedBandResponseDto[];

  /** The duration's months; 1 for goods and services. */
  @ApiProperty({ example: 24 })
  months: number;

  @ApiProperty({ type: String, example: '10.00' })
  durationDiscountPercent: string;

  @ApiProperty({ type: String, example: '0.00' })
  discountPercent: string;

  /** round2(tier amount × months). */
  @ApiProperty({ type: String, example: '5280.00' })
  gross: string;

  @ApiProperty({ type: String, example: '528.00' })
  discount: string;

  @ApiProperty({ type: String, example: '4752.00' })
  subtotal: string;

  /** The rate applied (0 when the company is not tax-registered). */
  @ApiProperty({ type: String, example: '10.000' })
  taxRate: string;

  @ApiProperty()
  taxInclusive: boolean;

  @ApiProperty({ type: String, example: '475.20' })
  tax: string;

  @ApiProperty({ type: String, example: '5227.20' })
  total: string;

  /** round4(tier amount / quantity), informational. */
  @ApiProperty({ type: String, example: '8.8000' })
  unitPriceEffective: string;
}

export class QuoteResponseDto {
  @ApiProperty({ example: 'AUD' })
  currency: string;

  @ApiProperty({ type: () => [QuoteLineResponseDto] })
  items: QuoteLineResponseDto[];

  /** Sums of the lines. */
  @ApiProperty({ type: String, example: '4752.00' })
  subtotal: string;

  @ApiProperty({ type: String, example: '528.00' })
  discount: string;

  @ApiProperty({ type: String, example: '475.20' })
  tax: string;

  @ApiProperty({ type: String, example: '5227.20' })
  total: string;
}
