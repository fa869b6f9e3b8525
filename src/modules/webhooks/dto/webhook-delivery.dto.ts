import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { DELIVERY_SORT } from '../deliveries.repository';
import {
  type WebhookDelivery,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryStatus,
} from '../entities/webhook-delivery.entity';
import type { WebhookDeliveryAttempt } from '../entities/webhook-delivery-attempt.entity';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

export class ListWebhookDeliveriesQueryDto extends CursorListQueryDto {
  @SortParam(DELIVERY_SORT.keys, DELIVERY_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated: pending, succeeded, failed, dead.' })
  @IsOptional()
  @Transform(csv)
  @IsIn(WEBHOOK_DELIVERY_STATUSES, { each: true })
  status?: WebhookDeliveryStatus[];

  @ApiPropertyOptional({ example: 'customer.created' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  eventType?: string;
}

export class WebhookDeliveryAttemptResponseDto {
  /** 1-based within the attempt series (a redelivery starts a new series). */
  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty()
  startedAt: Date;

  @ApiProperty({ example: 120 })
  durationMs: number;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  statusCode: number | null;

  /** The first 4 KB of the receiver's answer. */
  @ApiProperty({ type: String, nullable: true })
  responseBody: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  error: string | null;

  static from(attempt: WebhookDeliveryAttempt): WebhookDeliveryAttemptResponseDto {
    return {
      attempt: attempt.attempt,
      startedAt: attempt.startedAt,
      durationMs: attempt.durationMs,
      statusCode: attempt.statusCode,
      responseBody: attempt.responseBody,
      error: attempt.error,
    };
  }
}

export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** The event's id: the `webhook-id` header of every attempt. */
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ example: 'customer.created' })
  eventType: string;

  @ApiProperty({ format: 'uuid' })
  endpointId: string;

  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status: WebhookDeliveryStatus;

  /** Attempts made in the current series. */
  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: Date, nullable: true })
  nextAttemptAt: Date | null;

  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode: number | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  /** Every attempt so far, oldest first (earlier series included). */
  @ApiProperty({ type: () => [WebhookDeliveryAttemptResponseDto] })
  attemptLog: WebhookDeliveryAttemptResponseDto[];

  static from(delivery: WebhookDelivery, attempts: WebhookDeliveryAttempt[]): WebhookDeliveryResponseDto {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      endpointId: delivery.endpointId,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt,
      lastStatusCode: delivery.lastStatusCode,
      createdAt: delivery.createdAt,
      updatedAt: delivery.updatedAt,
      attemptLog: attempts.map((attempt) => WebhookDeliveryAttemptResponseDto.from(attempt)),
    };
  }
}
