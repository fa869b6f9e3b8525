import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'pg';
import { Jobs } from '@libs/persistence';
import type { DatabaseConfig, WebhooksConfig } from '../../config';
import { DELIVER_JOB, FANOUT_JOB } from './webhook-dispatcher';

/** Raised by the `tr_outbox_events_notify` trigger when an outbox insert commits. */
export const OUTBOX_CHANNEL = 'platform_outbox_events';

const RELISTEN_DELAY_MS = 5000;

/**
 * When the dispatcher jobs run, on instances that work jobs:
 * - at once after an outbox insert commits: the outbox trigger NOTIFYs, this LISTENs (one connection
 *   of its own) and sends `webhooks.fanout`. PostgreSQL only delivers notifications of committed
 *   transactions, so DomainEvents needs no hook and a rollback wakes nobody;
 * - every WEBHOOK_POLL_INTERVAL_MS (and at start-up): both jobs, for retries that came due, leases
 *   that ended (a dispatcher died mid-flight) and any notification missed while reconnecting.
 */
@Injectable()
export class DispatchTriggers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private listener?: Client;
  private relistenTimer?: NodeJS.Timeout;
  private fanOutWakeInFlight = false;
  private stopped = false;

  constructor(
    @Inject(Jobs) private readonly jobs: Jobs,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.working) return;
    const { pollIntervalMs } = this.config.getOrThrow<WebhooksConfig>('webhooks');
    this.timer = setInterval(() => this.poll(), pollIntervalMs);
    this.timer.unref();
    void this.listen();
    this.poll();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.relistenTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private poll(): void {
    void this.wake(FANOUT_JOB);
    void this.wake(DELIVER_JOB);
  }

  /** A burst of commits makes one send at a time; the queued job sees every event committed before it runs. */
  private wakeFanOut(): void {
    if (this.fanOutWakeInFlight) return;
    this.fanOutWakeInFlight = true;
    void this.wake(FANOUT_JOB).finally(() => {
      this.fanOutWakeInFlight = false;
    });
  }

  private async wake(job: string): Promise<void> {
    try {
      await this.jobs.send(job, {});
    } catch (error) {
      if (!this.stopped) this.logger.warn({ err: error, job }, 'Could not wake the webhook dispatcher');
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.getOrThrow<DatabaseConfig>('database').url,
      application_name: 'cornerstone-webhooks-listener',
    });
    const retry = (error?: Error) => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (error)
        this.logger.warn({ err: error }, 'Outbox listener lost its connection; polling until it is back');
      clearTimeout(this.relistenTimer);
      this.relistenTimer = setTimeout(() => void this.listen(), RELISTEN_DELAY_MS);
      this.relistenTimer.unref();
    };
    client.on('notification', () => this.wakeFanOut());
    client.on('error', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
      client.on('end', () => retry());
    } catch (error) {
      retry(error as Error);
    }
  }
}
