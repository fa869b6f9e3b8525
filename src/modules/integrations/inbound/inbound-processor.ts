import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import type { RequestContextStore } from '@libs/core';
import { Jobs } from '@libs/persistence';
import { InboundEventsRepository } from './inbound-events.repository';
import {
  type InboundEventForHandler,
  type InboundHandler,
  InboundHandlerRegistry,
} from './inbound-handler-registry';

/** The job that hands a stored inbound event to its handler (SPEC §11.8). */
export const INBOUND_PROCESS_JOB = 'inbound.process';

interface InboundProcessJob {
  companyId: string;
  eventId: string;
}

/** Longest error text kept on a failed event. */
const MAX_ERROR_LENGTH = 2000;

/**
 * Runs inbound events through the registered handlers, one job per event. Jobs are delivered at least
 * once, so a run first claims the event (`received` -> `processing`): a processed, ignored or failed
 * event is never run again by a stray job, only by an explicit reprocess.
 */
@Injectable()
export class InboundProcessor implements OnModuleInit {
  private readonly logger = new Logger('InboundEvents');

  constructor(
    @Inject(Jobs) private readonly jobs: Jobs,
    private readonly events: InboundEventsRepository,
    private readonly registry: InboundHandlerRegistry,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<InboundProcessJob>(INBOUND_PROCESS_JOB, (job) => this.process(job));
  }

  /** Queues the event's run; inside the caller's transaction, so a rolled-back store queues nothing. */
  async enqueue(companyId: string, eventId: string): Promise<void> {
    await this.jobs.send<InboundProcessJob>(INBOUND_PROCESS_JOB, { companyId, eventId });
  }

  private async process({ companyId, eventId }: InboundProcessJob): Promise<void> {
    // The job runs as the system; the event's company scopes every repository call that follows.
    this.cls.set('companyId', companyId);
    const event = await this.events.claim(eventId);
    if (!event) return;
    const handler = this.registry.handlerFor(event.configType);
    if (!handler) {
      await this.record(event.id, 'ignored', null);
      return;
    }
    try {
      await this.handle(handler, event);
    } catch (error) {
      this.logger.warn({ err: error, inboundEventId: event.id }, 'Inbound event handler failed');
      const message = error instanceof Error ? error.message : String(error);
      await this.record(event.id, 'failed', message.slice(0, MAX_ERROR_LENGTH) || 'failed');
    }
  }

  /** The handler's writes and the event's new status commit together, or not at all. */
  @Transactional()
  private async handle(handler: InboundHandler, event: InboundEventForHandler): Promise<void> {
    const outcome = await handler(event);
    await this.events.finish(event.id, outcome ?? 'processed', null);
  }

  @Transactional()
  private async record(id: string, status: 'ignored' | 'failed', error: string | null): Promise<void> {
    await this.events.finish(id, status, error);
  }
}
