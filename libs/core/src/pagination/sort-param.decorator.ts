import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Documents and types a list's `sort` parameter; the whitelist itself is enforced by keysetPaginate. */
export function SortParam(allowed: readonly string[], defaultSort: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `Comma-separated sort keys, "-" prefix for descending. Allowed: ${allowed.join(', ')}.`,
      default: defaultSort,
    }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}
