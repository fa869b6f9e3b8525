import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpoint } from '../entities/webhook-endpoint.entity';

/** A webhook endpoint as the API shows it: never its secret. */
export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://hooks.example.com/cornerstone' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: [String], example: ['customer.created'] })
  eventTypes: string[];

  /** False after `consecutiveFailures` reached 20 (see `disabledReason`) until `POST …/enable`. */
  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: 0 })
  consecutiveFailures: number;

  @ApiProperty({ type: Date, nullable: true })
  disabledAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  disabledReason: string | null;

  /** Until then deliveries carry a second signature made with the secret replaced by the last rotation. */
  @ApiProperty({ type: Date, nullable: true })
  previousSecretExpiresAt: Date | null;

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

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponseDto {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: endpoint.eventTypes,
      enabled: endpoint.enabled,
      consecutiveFailures: endpoint.consecutiveFailures,
      disabledAt: endpoint.disabledAt,
      disabledReason: endpoint.disabledReason,
      previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
      createdAt: endpoint.createdAt,
      createdBy: endpoint.createdBy,
      updatedAt: endpoint.updatedAt,
      updatedBy: endpoint.updatedBy,
      version: endpoint.version,
    };
  }
}

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export class WebhookEndpointWithSecretResponseDto extends WebhookEndpointResponseDto {
  /** `whsec_<base64 of 32 bytes>`: the key is its decoded bytes. Store it now; it is never shown again. */
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class EventTypeResponseDto {
  @ApiProperty({ example: 'customer.created' })
  type: string;

  @ApiProperty({ example: 'A customer was created' })
  description: string;

  /** The module publishing it. */
  @ApiProperty({ example: 'customers' })
  domain: string;
}

export class EventTypeListResponseDto {
  @ApiProperty({ type: () => [EventTypeResponseDto] })
  data: EventTypeResponseDto[];
}
