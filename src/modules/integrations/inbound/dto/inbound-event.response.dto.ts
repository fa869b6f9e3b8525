import { ApiProperty } from '@nestjs/swagger';
import { INBOUND_EVENT_STATUSES, type InboundEvent } from '../entities/inbound-event.entity';

export class InboundEventResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'generic' })
  provider: string;

  @ApiProperty({ format: 'uuid' })
  providerConfigId: string;

  /** The provider's id of the event (`webhook-id` for `generic`). */
  @ApiProperty({ example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' })
  externalEventId: string;

  @ApiProperty({ type: String, nullable: true, example: 'message.created' })
  eventType: string | null;

  /** The JSON body as received. */
  @ApiProperty({ description: 'The JSON body as received.' })
  payload: unknown;

  @ApiProperty({ enum: INBOUND_EVENT_STATUSES })
  status: string;

  @ApiProperty({ example: 1 })
  attempts: number;

  /** Why the last run failed. */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty()
  receivedAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  processedAt: Date | null;

  static from(event: InboundEvent): InboundEventResponseDto {
    return {
      id: event.id,
      provider: event.provider,
      providerConfigId: event.providerConfigId,
      externalEventId: event.externalEventId,
      eventType: event.eventType,
      payload: event.payload,
      status: event.status,
      attempts: event.attempts,
      error: event.error,
      receivedAt: event.receivedAt,
      processedAt: event.processedAt,
    };
  }
}

/** The answer to a provider: stored (`duplicate: false`, with the event id) or already known. */
export class InboundReceiptResponseDto {
  @ApiProperty({ description: 'True when an event with this id was received before (not processed again).' })
  duplicate: boolean;

  @ApiProperty({ format: 'uuid', required: false, description: 'The stored event (absent on a duplicate).' })
  id?: string;
}
