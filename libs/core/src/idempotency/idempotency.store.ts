import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a claim fences retries before it is considered abandoned by a crashed process. */
const CLAIM_LEASE_SECONDS = 60;

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'replay'; statusCode: number; body: unknown; headers: Record<string, string> }
  | { kind: 'fingerprint_mismatch' }
  | { kind: 'in_progress' };

interface StoredKeyRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

/** Storage of idempotency keys: one SQL statement per step, no ORM hydration on this hot path. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<ClaimResult> {
    // A few rounds: the row we collide with may expire or be released between our two statements.
    for (let round = 0; round < 3; round++) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO platform.idempotency_keys (scope, key, fingerprint, state, locked_until, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4), now() + make_interval(hours => $5))
         ON CONFLICT (scope, key) DO UPDATE
            SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress', status_code = NULL,
                response_body = NULL, response_headers = NULL, locked_until = EXCLUDED.locked_until,
                created_at = now(), expires_at = EXCLUDED.expires_at
          WHERE idempotency_keys.expires_at < now()
             OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until < now()
                 AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
         RETURNING 1`,
        [scope, key, fingerprint, CLAIM_LEASE_SECONDS, IDEMPOTENCY_TTL_HOURS],
      );
      if (inserted.length) return { kind: 'claimed' };

      const [row] = await this.dataSource.query<StoredKeyRow[]>(
        `SELECT fingerprint, state, status_code, response_body, response_headers
           FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      if (!row) continue;
      if (row.fingerprint !== fingerprint) return { kind: 'fingerprint_mismatch' };
      if (row.state === 'in_progress') return { kind: 'in_progress' };
      return {
        kind: 'replay',
        statusCode: row.status_code ?? 200,
        body: row.response_body,
        headers: row.response_headers ?? {},
      };
    }
    return { kind: 'in_progress' };
  }

  async complete(
    scope: string,
    key: string,
    statusCode: number,
    body: unknown,
    headers: Record<string, string>,
  ) {
    await this.dataSource.query(
      `UPDATE platform.idempotency_keys
          SET state = 'completed', status_code = $3, response_body = $4, response_headers = $5
        WHERE scope = $1 AND key = $2`,
      [scope, key, statusCode, JSON.stringify(body ?? null), JSON.stringify(headers)],
    );
  }

  /** Forgets a claim whose request failed, so the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_progress'`,
      [scope, key],
    );
  }
}
