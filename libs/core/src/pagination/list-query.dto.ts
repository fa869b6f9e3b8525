import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

/** Query parameters every cursor-paginated list accepts; list DTOs extend it with `sort`, `q` and filters. */
export class CursorListQueryDto {
  /** Page size. */
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** Opaque cursor: the `page.nextCursor` of the previous page. */
  @ApiPropertyOptional({ description: 'Opaque cursor: the `page.nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  /** Adds `page.total` (costs a count over the whole filtered list). */
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Adds `page.total` (a count over the whole filtered list).',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  withTotal?: boolean;
}

/** Adds free-text search. */
export class SearchableListQueryDto extends CursorListQueryDto {
  /** Text search, 1..100 characters. */
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'Text search.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
