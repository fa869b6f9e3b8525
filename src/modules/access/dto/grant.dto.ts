import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PermissionScope } from '@libs/core';

/** One permission a role grants, with its scope. */
export class GrantDto {
  /** A key of the catalogue (`GET /permissions`). */
  @ApiProperty({ example: 'customers.customer.read' })
  @IsString()
  @MaxLength(150)
  key: string;

  /** `all` (default) or `own` (only scopable keys). */
  @ApiPropertyOptional({ enum: ['all', 'own'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'own'])
  scope?: PermissionScope;
}

export class GrantResponseDto {
  @ApiProperty({ example: 'customers.customer.read' })
  key: string;

  @ApiProperty({ enum: ['all', 'own'] })
  scope: PermissionScope;
}
