import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { SearchableListQueryDto, SortParam } from '@libs/core';
import type { Tag } from '../entities/tag.entity';
import { trim } from './trim';

export const TAG_SORT = { keys: ['name', 'createdAt'], default: 'name' } as const;

const COLOR = /^#[0-9A-Fa-f]{6}$/;

export class CreateTagDto {
  /** 1..50 characters after trimming; unique in the company ignoring case. */
  @ApiProperty({ example: 'VIP', minLength: 1, maxLength: 50 })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#FFAA00' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must be #RRGGBB' })
  color?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class UpdateTagDto {
  @ApiPropertyOptional({ example: 'VIP', minLength: 1, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#FFAA00' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must be #RRGGBB' })
  color?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class ListTagsQueryDto extends SearchableListQueryDto {
  @SortParam(TAG_SORT.keys, TAG_SORT.default)
  sort?: string;
}

/** `POST /customers/:id/tags`. */
export class AttachTagDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tagId: string;
}

export class TagResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'VIP' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '#FFAA00' })
  color: string | null;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(tag: Tag): TagResponseDto {
    return {
      id: tag.id,
      name: tag.name,
      color: tag.color,
      description: tag.description,
      createdAt: tag.createdAt,
      createdBy: tag.createdBy,
      updatedAt: tag.updatedAt,
      updatedBy: tag.updatedBy,
      version: tag.version,
    };
  }
}

/** A tag as shown inside a customer. */
export class TagSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  color: string | null;
}
