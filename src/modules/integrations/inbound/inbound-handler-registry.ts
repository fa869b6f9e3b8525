import { Injectable } from '@nestjs/common';
import type { ProviderType } from '../provider-configs/entities/provider-config.entity';

/** An inbound event as its handler sees it. */
export interface InboundEventForHandler {
  id: string;
  companyId: string;
  providerConfigId: string;
  /** The type of the configuration it came through (`messaging`…): what chose the handler. */
  configType: ProviderType;
  provider: string;
  externalEventId: string;
  eventType: string | null;
  payload: unknown;
  receivedAt: Date;
  /** 1 on the first run; more after a crash or a reprocess. */
  attempts: number;
}

/**
 * Handles one inbound event of a configuration type. It runs in a transaction, acting as the system in
 * the event's company (repositories and `@Transactional()` work as in a request); what it writes commits
 * together with the event's new status. Return `ignored` for an event it has no use for; throw to mark
 * the event `failed` (its writes roll back; `POST /inbound-events/:id/reprocess` runs it again).
 * Runs at least once per event: be idempotent, e.g. on `externalEventId`.
 */
export type InboundHandler = (event: InboundEventForHandler) => Promise<'processed' | 'ignored' | void>;

/**
 * Which module handles the inbound events of which configuration type (SPEC §11.3: conversations
 * registers `messaging`). Modules register while the application starts, e.g. in `onModuleInit`:
 * `registry.register('messaging', (event) => this.inbound.handle(event))`. Events of a type nobody
 * handles are marked `ignored`.
 */
@Injectable()
export class InboundHandlerRegistry {
  private readonly handlers = new Map<ProviderType, InboundHandler>();

  register(type: ProviderType, handler: InboundHandler): void {
    if (this.handlers.has(type)) throw new Error(`An inbound handler for "${type}" is registered twice`);
    this.handlers.set(type, handler);
  }

  handlerFor(type: ProviderType): InboundHandler | undefined {
    return this.handlers.get(type);
  }
}
