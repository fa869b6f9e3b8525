import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { mapPage, type Page } from '@libs/core';
import { invalidTransition, notFound } from '../integrations.errors';
import type { ListInboundEventsQueryDto } from './dto/inbound-event.dto';
import { InboundEventResponseDto } from './dto/inbound-event.response.dto';
import { InboundEventsRepository } from './inbound-events.repository';
import { InboundProcessor } from './inbound-processor';

/** The inbound events of the active company: the list, and another run of a failed one. */
@Injectable()
export class InboundEventsService {
  constructor(
    private readonly events: InboundEventsRepository,
    private readonly processor: InboundProcessor,
  ) {}

  async list(query: ListInboundEventsQueryDto): Promise<Page<InboundEventResponseDto>> {
    const { provider, status, receivedFrom, receivedTo, ...request } = query;
    const page = await this.events.listPage(
      { providers: provider, statuses: status, receivedFrom, receivedTo },
      request,
    );
    return mapPage(page, (event) => InboundEventResponseDto.from(event));
  }

  /** Only a `failed` event (409 `invalid_transition` otherwise): back to `received`, its run queued. */
  @Transactional()
  async reprocess(id: string): Promise<InboundEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event) throw notFound('Inbound event');
    if (!(await this.events.resetFailed(id))) {
      // `allowed` lists the actions open in the current state: none but reprocess exists, and only when failed.
      throw invalidTransition(
        event.status,
        [],
        `Only a failed event can be reprocessed; this one is ${event.status}`,
      );
    }
    await this.processor.enqueue(event.companyId, id);
    return InboundEventResponseDto.from({ ...event, status: 'received', error: null });
  }
}
