import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsOptional, IsUUID, Matches } from 'class-validator';
import { CursorListQueryDto, EVENT_TYPE_PATTERN } from '@libs/core';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

const ENTITY_TYPE = /^[a-z]+(?:_[a-z]+)*$/;

/** Filters of `GET /audit-logs`; always newest first. */
export class ListAuditLogsQueryDto extends CursorListQueryDto {
  @ApiPropertyOptional({ example: 'role' })
  @IsOptional()
  @Matches(ENTITY_TYPE, { message: 'entityType must be a snake_case entity name' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  /** The user or API key that acted. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated actions, e.g. `role.created,role.deleted`.' })
  @IsOptional()
  @Transform(csv)
  @ArrayMaxSize(20)
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'each action must look like <entity>.<verb>' })
  action?: string[];

  /** Inclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  /** Exclusive. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;
}
