import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import type { Company } from '../entities/company.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateCompanyDto {
  @ApiProperty({ minLength: 2, maxLength: 120, example: 'Acme Pty Ltd' })
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  name: string;

  /** Installation-wide unique handle; derived from the name when absent. */
  @ApiPropertyOptional({ pattern: '^[a-z0-9-]{3,50}$', example: 'acme' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{3,50}$/, { message: 'slug must be 3..50 characters of a-z, 0-9 and -' })
  slug?: string;

  @ApiProperty({ example: 'AU', description: 'ISO 3166-1 alpha-2 (reference data).' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode: string;

  @ApiProperty({ example: 'AUD', description: 'ISO 4217 (reference data).' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'defaultCurrency must be an ISO 4217 code' })
  defaultCurrency: string;

  @ApiProperty({ example: 'Australia/Sydney', description: 'IANA time zone.' })
  @IsString()
  @MaxLength(64)
  timezone: string;

  @ApiPropertyOptional({ example: 'en-AU', default: 'en' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'locale must be a BCP 47 tag like en or en-AU' })
  locale?: string;
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto) {}

export class CompanyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() countryCode: string;
  @ApiProperty() defaultCurrency: string;
  @ApiProperty() timezone: string;
  @ApiProperty() locale: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) createdBy: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy: string | null;
  @ApiProperty() version: number;

  static from(c: Company): CompanyResponseDto {
    return {
      id: c.id,
      name: c.name,
      slug: c.slug,
      countryCode: c.countryCode,
      defaultCurrency: c.defaultCurrency,
      timezone: c.timezone,
      locale: c.locale,
      createdAt: c.createdAt.toISOString(),
      createdBy: c.createdBy,
      updatedAt: c.updatedAt.toISOString(),
      updatedBy: c.updatedBy,
      version: c.version,
    };
  }
}

/** One entry of `GET /companies/mine`. */
export class MyCompanyResponseDto {
  @ApiProperty({ type: CompanyResponseDto }) company: Pick<CompanyResponseDto, 'id' | 'name' | 'slug'>;
  @ApiProperty({ description: 'The role: `{ id, key, name }`.' }) role: {
    id: string;
    key: string;
    name: string;
  } | null;
  @ApiProperty({ enum: ['active', 'suspended'] }) status: string;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() joinedAt: string;
}
