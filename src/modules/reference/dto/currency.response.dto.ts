import { ApiProperty } from '@nestjs/swagger';
import type { Currency } from '../entities/currency.entity';

export class CurrencyResponseDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 alphabetic code.' })
  code: string;

  @ApiProperty({ example: '978', description: 'ISO 4217 numeric code, zero-padded.' })
  numeric: string;

  @ApiProperty({ example: 'Euro', description: 'ISO 4217 English name.' })
  name: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2,
    description:
      'Decimal places of the minor unit (JPY 0, EUR 2, BHD 3); null where ISO 4217 defines none (XAU).',
  })
  minorUnits: number | null;

  @ApiProperty({
    example: '€',
    description: 'Narrow symbol as shown in English; the code where none exists.',
  })
  symbol: string;

  static from(currency: Currency): CurrencyResponseDto {
    return {
      code: currency.code,
      numeric: currency.numeric,
      name: currency.name,
      minorUnits: currency.minorUnits,
      symbol: currency.symbol,
    };
  }
}
