import { ApiProperty } from '@nestjs/swagger';
import { Decimal } from 'decimal.js';
import type { Duration } from '../entities/duration.entity';

export class DurationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2 years' })
  name: string;

  @ApiProperty({ example: 24 })
  months: number;

  @ApiProperty({ type: String, example: '10.00' })
  discountPercent: string;

  @ApiProperty()
  active: boolean;

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

  static from(duration: Duration): DurationResponseDto {
    return {
      id: duration.id,
      name: duration.name,
      months: duration.months,
      // The column's scale (numeric(5,2)), also for a value just written as "10".
      discountPercent: new Decimal(duration.discountPercent).toFixed(2),
      active: duration.active,
      createdAt: duration.createdAt,
      createdBy: duration.createdBy,
      updatedAt: duration.updatedAt,
      updatedBy: duration.updatedBy,
      version: duration.version,
    };
  }
}
