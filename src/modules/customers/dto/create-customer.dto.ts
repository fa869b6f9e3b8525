import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  CUSTOMER_TIERS,
  type CustomerKind,
  type CustomerStatus,
  type CustomerTier,
} from '../entities/customer.entity';
import { CreateAddressDto } from './address.dto';
import { CreateContactPointDto } from './contact-point.dto';
import { trim } from './trim';
import { IsJsonObject } from '@libs/core';

/** The fields a customer has whatever its kind; PATCH takes them all as optional. */
export class CustomerFieldsDto {
  /** 1..200 characters. For a person it defaults to "givenName familyName". */
  @ApiPropertyOptional({ example: 'Ann Smith', minLength: 1, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  displayName?: string;

  /** Persons only. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  givenName?: string | null;

  /** Persons only. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  familyName?: string | null;

  /** Businesses only. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  legalName?: string | null;

  /** Businesses only. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  taxId?: string | null;

  /** Businesses only. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://example.com', maxLength: 200 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(200)
  website?: string | null;

  /** Persons only: the business (a customer of the same company) the person belongs to. */
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  /**
   * The primary e-mail contact point. On PATCH it upserts the primary: an existing point with this
   * value becomes primary, else the primary's value changes, else a primary point is added; `null`
   * removes the primary point and the oldest remaining e-mail point becomes primary. On creation a
   * listed contact point with this value becomes primary, else the value is added as the primary.
   */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ann@example.com', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  /** As `email`, for the primary phone: E.164, or national in the company's country. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '+61291234567', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, default: 'standard' })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  tier?: CustomerTier;

  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(CUSTOMER_STATUSES)
  status?: CustomerStatus;

  /** An active member of the company. With scope `own` it can only be yourself (the default then). */
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  /** An object of at most 16 KB, keys `^[a-zA-Z][a-zA-Z0-9_]{0,63}$`. PATCH replaces it whole. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { segment: 'retail' } })
  @IsOptional()
  @IsJsonObject({ attributeKeys: true })
  attributes?: Record<string, unknown>;
}

export class CreateCustomerDto extends CustomerFieldsDto {
  @ApiProperty({ enum: CUSTOMER_KINDS })
  @IsIn(CUSTOMER_KINDS)
  kind: CustomerKind;

  @ApiPropertyOptional({ type: () => [CreateContactPointDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CreateContactPointDto)
  contactPoints?: CreateContactPointDto[];

  @ApiPropertyOptional({ type: () => [CreateAddressDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateAddressDto)
  addresses?: CreateAddressDto[];

  /** Tags of the company's catalogue. */
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  tagIds?: string[];
}
