import { ApiProperty } from '@nestjs/swagger';
import type { Country } from '../entities/country.entity';

export class CountryResponseDto {
  @ApiProperty({ example: 'AU', description: 'ISO 3166-1 alpha-2 code.' })
  code: string;

  @ApiProperty({ example: 'AUS', description: 'ISO 3166-1 alpha-3 code.' })
  alpha3: string;

  @ApiProperty({ example: '036', description: 'ISO 3166-1 numeric code, zero-padded.' })
  numeric: string;

  @ApiProperty({ example: 'Australia', description: 'English short name.' })
  name: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '+61',
    description:
      'International dialling prefix. Members of the North American Numbering Plan include their area code (Jamaica: +1876).',
  })
  callingCode: string | null;

  static from(country: Country): CountryResponseDto {
    return {
      code: country.code,
      alpha3: country.alpha3,
      numeric: country.numeric,
      name: country.name,
      callingCode: country.callingCode,
    };
  }
}
