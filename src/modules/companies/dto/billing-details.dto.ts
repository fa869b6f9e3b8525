import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  type CompanyBillingDetails,
  TAX_ID_KINDS,
  type TaxIdKind,
} from '../entities/company-billing-details.entity';

const trimOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;

/** `PUT /companies/current/billing-details`: replaces every field; absent = null. */
export class PutBillingDetailsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  legalName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  tradingName?: string | null;

  /** Checked by the business-id validator of (country, taxIdKind); spaces are ignored for AU ABN/ACN. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '51 824 753 556' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(64)
  taxId?: string | null;

  @ApiPropertyOptional({ enum: TAX_ID_KINDS, nullable: true })
  @IsOptional()
  @IsIn(TAX_ID_KINDS)
  taxIdKind?: TaxIdKind | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  taxRegistered?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  line1?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  line2?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'AU' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsEmail()
  @MaxLength(254)
  billingEmail?: string | null;

  /** E.164, or a national format of the company's country (stored as E.164). */
  @ApiPropertyOptional({ type: String, nullable: true, example: '+61291234567' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

export class BillingDetailsResponseDto {
  @ApiProperty({ type: String, nullable: true }) legalName: string | null;
  @ApiProperty({ type: String, nullable: true }) tradingName: string | null;
  @ApiProperty({ type: String, nullable: true }) taxId: string | null;
  @ApiProperty({ enum: TAX_ID_KINDS, nullable: true }) taxIdKind: TaxIdKind | null;
  @ApiProperty() taxRegistered: boolean;
  @ApiProperty({ type: String, nullable: true }) line1: string | null;
  @ApiProperty({ type: String, nullable: true }) line2: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) countryCode: string | null;
  @ApiProperty({ type: String, nullable: true }) billingEmail: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+61291234567' }) phone: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;

  static from(d: CompanyBillingDetails): BillingDetailsResponseDto {
    return {
      legalName: d.legalName,
      tradingName: d.tradingName,
      taxId: d.taxId,
      taxIdKind: d.taxIdKind,
      taxRegistered: d.taxRegistered,
      line1: d.line1,
      line2: d.line2,
      city: d.city,
      region: d.region,
      postalCode: d.postalCode,
      countryCode: d.countryCode,
      billingEmail: d.billingEmail,
      phone: d.phone,
      updatedAt: d.updatedAt.toISOString(),
      version: d.version,
    };
  }
}
