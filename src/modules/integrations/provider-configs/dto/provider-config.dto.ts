import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import {
  PROVIDER_TYPES,
  PROVIDERS,
  type ProviderName,
  type ProviderType,
} from '../entities/provider-config.entity';

export const PROVIDER_CONFIG_SORT = { keys: ['createdAt', 'name'], default: '-createdAt' } as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateProviderConfigDto {
  @ApiProperty({ enum: PROVIDER_TYPES, example: 'messaging' })
  @IsIn(PROVIDER_TYPES)
  type: ProviderType;

  /** `generic` serves every type; `smtp` serves `email`. */
  @ApiProperty({ enum: PROVIDERS, example: 'generic' })
  @IsIn(PROVIDERS)
  provider: ProviderName;

  @ApiProperty({ example: 'WhatsApp gateway', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name: string;

  /**
   * Write-only secrets of the provider, e.g. `{"url": "smtp://user:password@host:587"}` for `smtp`:
   * string values, stored encrypted, never returned (responses show `{"url": "set"}`).
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  /** Non-secret options (a JSON object up to 16 KB), returned as stored. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  /** Create it active (deactivating the active configuration of its type). Default false. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateProviderConfigDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  /**
   * Merged into the stored credentials: a field with a string replaces that field, a field with
   * null removes it, fields not named are kept.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', nullable: true } })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string | null>;

  /** Replaces the settings object. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class ListProviderConfigsQueryDto extends CursorListQueryDto {
  @SortParam(PROVIDER_CONFIG_SORT.keys, PROVIDER_CONFIG_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ enum: PROVIDER_TYPES })
  @IsOptional()
  @IsIn(PROVIDER_TYPES)
  type?: ProviderType;

  @ApiPropertyOptional({ enum: PROVIDERS })
  @IsOptional()
  @IsIn(PROVIDERS)
  provider?: ProviderName;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}
