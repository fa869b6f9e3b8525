import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IDENTITY_CHANNELS, type IdentityChannel } from '../entities/customer-identity.entity';
import { trim } from './trim';
import { IsJsonObject } from '@libs/core';

export class CreateIdentityDto {
  @ApiProperty({ enum: IDENTITY_CHANNELS })
  @IsIn(IDENTITY_CHANNELS)
  channel: IdentityChannel;

  /** Normalised per channel: whatsapp/sms E.164, email lower-cased, others trimmed. */
  @ApiProperty({ example: '+61412345678', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  externalId: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  /** Free-form JSON object from the channel, at most 16 KB. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonObject({ attributeKeys: false })
  metadata?: Record<string, unknown>;
}

export class IdentityResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IDENTITY_CHANNELS })
  channel: IdentityChannel;

  @ApiProperty()
  externalId: string;

  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata: Record<string, unknown>;

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
}
