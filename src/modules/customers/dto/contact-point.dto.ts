import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { CONTACT_POINT_TYPES, type ContactPointType } from '../entities/customer-contact-point.entity';
import { trim } from './trim';

export class CreateContactPointDto {
  @ApiProperty({ enum: CONTACT_POINT_TYPES })
  @IsIn(CONTACT_POINT_TYPES)
  type: ContactPointType;

  /** E-mail (stored lower-cased), phone (E.164, or national in the company's country) or free text. */
  @ApiProperty({ example: 'ann@example.com', maxLength: 254 })
  @IsString()
  @Length(1, 254)
  value: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'work', maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  label?: string | null;

  /** The first point of a type is primary whatever this says; marking one primary unmarks the other. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

export class UpdateContactPointDto {
  @ApiPropertyOptional({ example: 'ann@example.com', maxLength: 254 })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  value?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  label?: string | null;

  /** `true` makes this point the primary of its type. A primary is replaced, not unmarked. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

export class ContactPointResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CONTACT_POINT_TYPES })
  type: ContactPointType;

  @ApiProperty({ type: String, nullable: true })
  label: string | null;

  @ApiProperty()
  value: string;

  @ApiProperty()
  isPrimary: boolean;

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
