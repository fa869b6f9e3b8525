import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WEBHOOK_TEST_EVENT } from './webhooks.events';

export interface FanOutResult {
  /** Outbox events marked published by this batch. */
  events: number;
  /** Deliveries created for them. */
  deliveries: number;
}

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDelivery {
  id: string;
  companyId: string;
  endpointId: string;
  /** The number of this attempt in the delivery's series (1-based). */
  attempt: number;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: unknown;
  url: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface FailureCount {
  failures: number;
  enabled: boolean;
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  responseBody: string | null;
  error: string | null;
  /** The delivery's state after this attempt, and the wait before the next one (null: none). */
  status: WebhookDeliveryStatus;
  nextAttemptInMs: number | null;
}

/**
 * The dispatcher's SQL. Deliberately not tenant-filtered: the dispatcher works for every company at
 * once, as the system; each statement keeps rows within their company by its joins and keys.
 */
@Injectable()
export class DispatchRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * In the caller's transaction: locks up to `limit` unpublished outbox events (SKIP LOCKED, so two
   * dispatchers never take the same event), marks them published and creates one delivery per
   * matching endpoint: enabled, not deleted, of the event's company, subscribed to the type (a
   * `webhook.test` event goes to the endpoint it names only).
   */
  async fanOut(limit: number, firstAttemptInMs: number): Promise<FanOutResult> {
    const matches = await this.txHost.tx.query<
      Array<{ event_id: string; company_id: string | null; type: string; endpoint_id: string | null }>
    >(
      `WITH events AS (
         SELECT id, company_id, type, aggregate_id FROM platform.outbox_events
          WHERE published_at IS NULL
          ORDER BY occurred_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), published AS (
         UPDATE platform.outbox_events o SET published_at = now() FROM events e WHERE o.id = e.id
       )
       SELECT e.id AS event_id, e.company_id, e.type, w.id AS endpoint_id
         FROM events e
         LEFT JOIN platform.webhook_endpoints w
           ON w.company_id = e.company_id AND w.enabled AND w.deleted_at IS NULL
          AND CASE WHEN e.type = $2 THEN w.id = e.aggregate_id ELSE e.type = ANY (w.event_types) END`,
      [limit, WEBHOOK_TEST_EVENT],
    );
    const deliveries = matches.filter((row) => row.endpoint_id !== null);
    if (deliveries.length) {
      await this.txHost.tx.query(
        `INSERT INTO platform.webhook_deliveries (id, company_id, event_id, endpoint_id, event_type, next_attempt_at)
         SELECT d.id, d.company_id, d.event_id, d.endpoint_id, d.event_type, now() + $6::float8 * interval '1 millisecond'
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[])
             AS d(id, company_id, event_id, endpoint_id, event_type)
         ON CONFLICT (event_id, endpoint_id) DO NOTHING`,
        [
          deliveries.map(() => uuidv7()),
          deliveries.map((row) => row.company_id),
          deliveries.map((row) => row.event_id),
          deliveries.map((row) => row.endpoint_id),
          deliveries.map((row) => row.type),
          firstAttemptInMs,
        ],
      );
    }
    return { events: new Set(matches.map((row) => row.event_id)).size, deliveries: deliveries.length };
  }

  /**
   * Claims up to `limit` due deliveries of enabled endpoints in ONE committed statement: counts the
   * attempt and pushes `next_attempt_at` to the end of a lease. A dispatcher that dies before recording
   * the outcome leaves the delivery to be claimed again when the lease ends (at-least-once).
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const result = await this.txHost.tx.query<ClaimedDelivery[] | [ClaimedDelivery[], number]>(
      `WITH due AS (
         SELECT d.id FROM platform.webhook_deliveries d
           JOIN platform.webhook_endpoints w ON w.company_id = d.company_id AND w.id = d.endpoint_id
          WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()
            AND w.enabled AND w.deleted_at IS NULL
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE platform.webhook_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + $2::float8 * interval '1 millisecond',
              updated_at = now()
         FROM due, platform.outbox_events e, platform.webhook_endpoints w
        WHERE d.id = due.id AND e.id = d.event_id AND w.company_id = d.company_id AND w.id = d.endpoint_id
       RETURNING d.id, d.company_id AS "companyId", d.endpoint_id AS "endpointId", d.attempts AS attempt,
                 e.id AS "eventId", e.type AS "eventType", e.occurred_at AS "occurredAt", e.data,
                 w.url, w.secret_ciphertext AS "secretCiphertext",
                 w.previous_secret_ciphertext AS "previousSecretCiphertext",
                 w.previous_secret_expires_at AS "previousSecretExpiresAt"`,
      [limit, leaseMs],
    );
    return rowsOf(result);
  }

  /**
   * In the caller's transaction: logs the attempt and moves the delivery on, unless a newer claim
   * (lease ended, redelivery) owns it by now; then only the log keeps this attempt.
   */
  async recordAttempt(claimed: ClaimedDelivery, record: AttemptRecord): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO platform.webhook_delivery_attempts
         (id, company_id, delivery_id, attempt, started_at, duration_ms, status_code, response_body, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        claimed.companyId,
        claimed.id,
        claimed.attempt,
        record.startedAt,
        record.durationMs,
        record.statusCode,
        record.responseBody,
        record.error,
      ],
    );
    await this.txHost.tx.query(
      `UPDATE platform.webhook_deliveries
          SET status = $4, last_status_code = $5, updated_at = now(),
              next_attempt_at = now() + $6::float8 * interval '1 millisecond'
        WHERE company_id = $1 AND id = $2 AND attempts = $3 AND status IN ('pending', 'failed')`,
      [
        claimed.companyId,
        claimed.id,
        claimed.attempt,
        record.status,
        record.statusCode,
        record.nextAttemptInMs,
      ],
    );
  }

  /** A success ends the endpoint's run of failures (written only when there was one). */
  async resetFailures(companyId: string, endpointId: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE platform.webhook_endpoints SET consecutive_failures = 0
        WHERE company_id = $1 AND id = $2 AND consecutive_failures <> 0`,
      [companyId, endpointId],
    );
  }

  /** Counts one more failed attempt in a row; returns the new count and whether the endpoint is enabled. */
  async countFailure(companyId: string, endpointId: string): Promise<FailureCount> {
    const rows = rowsOf(
      await this.txHost.tx.query<FailureCount[] | [FailureCount[], number]>(
        `UPDATE platform.webhook_endpoints SET consecutive_failures = consecutive_failures + 1
          WHERE company_id = $1 AND id = $2
        RETURNING consecutive_failures AS failures, enabled`,
        [companyId, endpointId],
      ),
    );
    return rows[0] ?? { failures: 0, enabled: false };
  }

  /** Disables the endpoint as the system (a visible change: new version, audited). */
  async disable(companyId: string, endpointId: string, reason: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE platform.webhook_endpoints
          SET enabled = false, disabled_at = now(), disabled_reason = $3,
              updated_at = now(), updated_by = NULL, version = version + 1
        WHERE company_id = $1 AND id = $2 AND enabled`,
      [companyId, endpointId, reason],
    );
  }
}

/** UPDATE … RETURNING through TypeORM's pg driver answers `[rows, count]`; SELECT answers rows. */
function rowsOf<T extends object>(result: T[] | [T[], number]): T[] {
  const [first] = result;
  return Array.isArray(first) ? first : (result as T[]);
}
