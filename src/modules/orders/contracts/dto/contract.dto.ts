import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TerminateContractDto {
  /** Why the contract ends early, 1..500 characters. */
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Customer moved to another provider' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class RenewContractDto {
  /** The duration of the new term; default the renewed contract's. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  durationId?: string;
}
