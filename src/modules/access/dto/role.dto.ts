import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { ROLE_SORT } from '../roles.repository';
import { GrantDto } from './grant.dto';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

export class CreateRoleDto {
  /** 2..50 characters; its UPPER_SNAKE form is the role's key, unique in the company. */
  @ApiProperty({ example: 'Sales lead', minLength: 2, maxLength: 50 })
  @Transform(trim)
  @IsString()
  @Length(2, 50)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Initial permissions (default none); each must be one the caller holds. */
  @ApiPropertyOptional({ type: () => [GrantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  permissions?: GrantDto[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ example: 'Sales lead', minLength: 2, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 50)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class ReplaceRolePermissionsDto {
  /** The complete new permission set of the role (replaces the old one). */
  @ApiProperty({ type: () => [GrantDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  permissions: GrantDto[];
}

export class ListRolesQueryDto extends CursorListQueryDto {
  @SortParam(ROLE_SORT.keys, ROLE_SORT.default)
  sort?: string;

  /** Only system roles (`true`) or only custom roles (`false`). */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  isSystem?: boolean;
}
