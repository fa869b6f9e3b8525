import { ApiProperty } from '@nestjs/swagger';
import { SETTING_TYPES, type SettingEntry, type SettingType } from '@libs/core';
import type { SettingSource } from '../effective-setting';
import { ANY_JSON } from './setting.dto';

/** A setting with its effective value for the active company. */
export class SettingResponseDto {
  @ApiProperty({ example: 'billing.payment_terms_days' })
  key: string;

  /** The effective value: the company's, else the installation's, else the default. */
  @ApiProperty({ ...ANY_JSON, example: 14 })
  value: unknown;

  @ApiProperty({ enum: ['company', 'installation', 'default'] })
  source: SettingSource;

  @ApiProperty({ enum: SETTING_TYPES })
  type: SettingType;

  @ApiProperty({ example: 'billing' })
  category: string;

  @ApiProperty({ example: 'Days between an invoice and its due date' })
  description: string;

  /** false: only a platform admin sets it, for the whole installation. */
  @ApiProperty()
  companyOverridable: boolean;

  static from(entry: SettingEntry, effective: { value: unknown; source: SettingSource }): SettingResponseDto {
    return {
      key: entry.key,
      value: effective.value,
      source: effective.source,
      type: entry.type,
      category: entry.category,
      description: entry.description,
      companyOverridable: entry.companyOverridable,
    };
  }
}
