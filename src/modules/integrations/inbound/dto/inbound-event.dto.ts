import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsIn, IsOptional, Matches } from 'class-validator';
import { CursorListQueryDto } from '@libs/core';
import { INBOUND_EVENT_STATUSES, type InboundEventStatus } from '../entities/inbound-event.entity';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

/** Filters of `GET /inbound-events`; always newest first. */
export class ListInboundEventsQueryDto extends CursorListQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated providers, e.g. `generic`.' })
  @IsOptional()
  @Transform(csv)
  @ArrayMaxSize(10)
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, { each: true, message: 'each provider must be a provider name' })
  provider?: string[];

  @ApiPropertyOptional({ description: `Comma-separated statuses: ${INBOUND_EVENT_STATUSES.join(', ')}.` })
  @IsOptional()
  @Transform(csv)
  @ArrayMaxSize(INBOUND_EVENT_STATUSES.length)
  @IsIn(INBOUND_EVENT_STATUSES, { each: true })
  status?: InboundEventStatus[];

  /** Received at or after (inclusive). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  receivedFrom?: Date;

  /** Received before (exclusive). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  receivedTo?: Date;
}
