import { ApiProperty } from '@nestjs/swagger';
import { Decimal } from 'decimal.js';
import type { TaxRate } from '../entities/tax-rate.entity';

export class TaxRateResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'GST' })
  name: string;

  @ApiProperty({ type: String, example: '10.000' })
  ratePercent: string;

  @ApiProperty()
  inclusive: boolean;

  @ApiProperty()
  isDefault: boolean;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(rate: TaxRate): TaxRateResponseDto {
    return {
      id: rate.id,
      name: rate.name,
      // The column's scale (numeric(6,3)), also for a value just written as "10".
      ratePercent: new Decimal(rate.ratePercent).toFixed(3),
      inclusive: rate.inclusive,
      isDefault: rate.isDefault,
      createdAt: rate.createdAt,
      createdBy: rate.createdBy,
      updatedAt: rate.updatedAt,
      updatedBy: rate.updatedBy,
      version: rate.version,
    };
  }
}
