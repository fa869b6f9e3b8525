import { ApiProperty } from '@nestjs/swagger';
import type { Timezone } from '../entities/timezone.entity';

export class TimezoneResponseDto {
  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone name.' })
  name: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Europe',
    description: 'The area the name starts with; null for a zone without one (UTC).',
  })
  region: string | null;

  static from(timezone: Timezone): TimezoneResponseDto {
    return { name: timezone.name, region: timezone.region };
  }
}
