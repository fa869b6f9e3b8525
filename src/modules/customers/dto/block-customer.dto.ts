import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from './trim';

export class BlockCustomerDto {
  /** Why the customer is blocked (shown to the team). */
  @ApiProperty({ example: 'Chargeback fraud', minLength: 1, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason: string;
}
