import { ApiProperty } from '@nestjs/swagger';
import type { CategoryRow } from '../categories.repository';

export class CategoryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Software' })
  name: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;

  @ApiProperty({ example: 0 })
  position: number;

  /** 1 for a root, at most 5. */
  @ApiProperty({ minimum: 1, maximum: 5, example: 1 })
  depth: number;

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

  static from(row: CategoryRow): CategoryResponseDto {
    return {
      id: row.id,
      name: row.name,
      parentId: row.parentId,
      position: row.position,
      depth: row.depth,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
      version: row.version,
    };
  }
}
