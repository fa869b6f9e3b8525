import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactional } from '@nestjs-cls/transactional';
import { Jobs } from '@libs/persistence';
import { SecretBoxError, signWebhook } from '@libs/security';
import type { WebhooksConfig } from '../../config';
import { DISABLE_AFTER_CONSECUTIVE_FAILURES, nextAttemptDelayMs } from './delivery-policy';
import { type ClaimedDelivery, DispatchRepository, type FanOutResult } from './dispatch.repository';
import { checkWebhookUrl, UrlNotAllowedError } from './url-guard';
import { type WebhookAnswer, postWebhook } from './webhook-sender';
import { WebhookSecrets } from './webhook-secrets';

/** Turns unpublished outbox events into deliveries (SPEC §11.8 `webhooks.dispatch`, part 1). */
export const FANOUT_JOB = 'webhooks.fanout';
/** Makes the due delivery attempts (part 2). */
export const DELIVER_JOB = 'webhooks.deliver';

const FANOUT_BATCH = 200;
/** Attempts made at once by one job; a slow receiver holds up at most this batch. */
const DELIVER_BATCH = 10;

const USER_AGENT = 'Cornerstone-Webhooks/1';

/**
 * The webhook dispatcher (SPEC §11.2), as two jobs on `short` queues (a wake-up while one is waiting
 * is dropped, so wake-ups are cheap):
 * - `webhooks.fanout`: one transaction per batch of outbox events (see DispatchRepository.fanOut);
 * - `webhooks.deliver`: claims due deliveries with a lease, POSTs them signed, records each outcome.
 * A full batch sends the job again at once; DispatchTriggers wakes both on outbox inserts and polls.
 * Every run is idempotent, so running twice or on several instances is safe.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  constructor(
    @Inject(Jobs) private readonly jobs: Jobs,
    @Inject(DispatchRepository) private readonly dispatch: DispatchRepository,
    @Inject(WebhookSecrets) private readonly secrets: WebhookSecrets,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  private get settings(): WebhooksConfig {
    return this.config.getOrThrow<WebhooksConfig>('webhooks');
  }

  async onModuleInit(): Promise<void> {
    // No pg-boss retries: the next wake-up or poll does the same work.
    await this.jobs.register(FANOUT_JOB, () => this.fanOut(), { policy: 'short', retryLimit: 0 });
    await this.jobs.register(DELIVER_JOB, () => this.deliverDue(), {
      policy: 'short',
      retryLimit: 0,
      concurrency: 4,
    });
  }

  async fanOut(): Promise<void> {
    const result = await this.fanOutBatch();
    // Sent after the commit, so a local worker is woken at once and finds the deliveries.
    if (result.deliveries) await this.jobs.send(DELIVER_JOB, {});
    if (result.events === FANOUT_BATCH) await this.jobs.send(FANOUT_JOB, {});
  }

  async deliverDue(): Promise<void> {
    const claimed = await this.dispatch.claimDue(DELIVER_BATCH, this.settings.leaseMs);
    // Every attempt of the batch ends before the job does (a graceful shutdown waits for the job).
    const outcomes = await Promise.allSettled(claimed.map((delivery) => this.attempt(delivery)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    if (claimed.length === DELIVER_BATCH) await this.jobs.send(DELIVER_JOB, {});
  }

  @Transactional()
  private fanOutBatch(): Promise<FanOutResult> {
    return this.dispatch.fanOut(FANOUT_BATCH, this.settings.retryScheduleMs[0] ?? 0);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const answer = await this.post(delivery);
    await this.record(delivery, startedAt, answer);
  }

  /** One signed POST to the checked, pinned address; refusals become failed attempts, never throws. */
  private async post(delivery: ClaimedDelivery): Promise<WebhookAnswer> {
    const started = performance.now();
    const settings = this.settings;
    try {
      const { url, pinned } = await checkWebhookUrl(delivery.url, settings);
      const body = JSON.stringify({
        id: delivery.eventId,
        type: delivery.eventType,
        occurredAt: delivery.occurredAt.toISOString(),
        companyId: delivery.companyId,
        data: delivery.data,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      // During a rotation's overlap both secrets sign: receivers holding either one accept the message.
      const signature = this.secrets
        .signing({ ...delivery, id: delivery.endpointId })
        .map((secret) => signWebhook({ id: delivery.eventId, timestamp, body, secret }))
        .join(' ');
      return await postWebhook({
        url,
        pinned,
        body,
        timeoutMs: settings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature,
        },
      });
    } catch (error) {
      const reason =
        error instanceof UrlNotAllowedError
          ? `URL not allowed: ${error.message}`
          : error instanceof SecretBoxError
            ? 'The signing secret cannot be decrypted with the configured keys'
            : `Delivery failed: ${error instanceof Error ? error.message : String(error)}`;
      return {
        statusCode: null,
        responseBody: null,
        error: reason,
        durationMs: Math.round(performance.now() - started),
      };
    }
  }

  /** The attempt's outcome, the delivery's next state and the endpoint's failure count, atomically. */
  @Transactional()
  private async record(delivery: ClaimedDelivery, startedAt: Date, answer: WebhookAnswer): Promise<void> {
    const succeeded = answer.error === null;
    const nextAttemptInMs = succeeded
      ? null
      : nextAttemptDelayMs(this.settings.retryScheduleMs, delivery.attempt);
    await this.dispatch.recordAttempt(delivery, {
      startedAt,
      ...answer,
      status: succeeded ? 'succeeded' : nextAttemptInMs === null ? 'dead' : 'failed',
      nextAttemptInMs,
    });
    if (succeeded) {
      await this.dispatch.resetFailures(delivery.companyId, delivery.endpointId);
      return;
    }
    const { failures, enabled } = await this.dispatch.countFailure(delivery.companyId, delivery.endpointId);
    if (enabled && failures >= DISABLE_AFTER_CONSECUTIVE_FAILURES) {
      await this.dispatch.disable(
        delivery.companyId,
        delivery.endpointId,
        `Disabled after ${failures} consecutive failed delivery attempts (last: ${answer.error})`.slice(
          0,
          1000,
        ),
      );
    }
  }
}
