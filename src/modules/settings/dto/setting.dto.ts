import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

/** OpenAPI schema of a setting value: any JSON value of the setting's type. */
export const ANY_JSON = {
  description:
    'A JSON value of the setting type (string, number, boolean, object or array; null where allowed)',
  // OpenAPI 3.0 has no null type: the one nullable alternative stands for it.
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
  ],
};

export const SETTING_SCOPES = ['company', 'installation'] as const;
export type SettingScope = (typeof SETTING_SCOPES)[number];

export class ListSettingsQueryDto {
  /** Only the settings of this category (e.g. `billing`). */
  @ApiPropertyOptional({ example: 'billing' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+(?:_[a-z]+)*$/, { message: 'category must be a lowercase word' })
  category?: string;
}

export class SettingScopeQueryDto {
  /** `company` (default): the active company's value; `installation`: the value every company inherits (platform admins). */
  @ApiPropertyOptional({ enum: SETTING_SCOPES, default: 'company' })
  @IsOptional()
  @IsIn(SETTING_SCOPES)
  scope?: SettingScope;
}

export class PutSettingDto {
  /** A JSON value of the setting's type within its constraints; null only where the setting allows it. */
  @ApiProperty({ ...ANY_JSON, example: 30 })
  @ValidateIf((dto: PutSettingDto) => dto.value !== null)
  @IsDefined()
  value: unknown;
}
