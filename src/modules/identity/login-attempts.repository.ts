import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FailureResult {
  failures: number;
  /** Set when this failure reached the limit and locked the key. */
  lockedUntil: Date | null;
}

/**
 * Failed-login counters (`email:<e>` / `ip:<ip>`). Always written outside any transaction: a failed
 * login answers with an error, and its count must survive that.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The latest lock still running on any of the keys, or null. */
  async lockedUntil(keys: string[]): Promise<Date | null> {
    const rows: Array<{ locked_until: Date | null }> = await this.dataSource.query(
      `SELECT max(locked_until) AS locked_until FROM identity.login_attempts WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return rows[0]?.locked_until ?? null;
  }

  /**
   * Counts one failure in the key's window (a new window once the old one is over) and locks the key
   * when it reaches `max`. One statement, so concurrent failures are all counted.
   */
  async recordFailure(key: string, max: number, windowMs: number): Promise<FailureResult> {
    const rows: Array<{ failures: number; locked_until: Date | null; locked_now: boolean }> =
      await this.dataSource.query(
        `INSERT INTO identity.login_attempts AS a (key, failures, window_start, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + $3 * interval '1 millisecond' END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_start <= now() - $3 * interval '1 millisecond' THEN 1 ELSE a.failures + 1 END,
         window_start = CASE WHEN a.window_start <= now() - $3 * interval '1 millisecond' THEN now() ELSE a.window_start END,
         locked_until = CASE
           WHEN (CASE WHEN a.window_start <= now() - $3 * interval '1 millisecond' THEN 1 ELSE a.failures + 1 END) >= $2
             THEN now() + $3 * interval '1 millisecond'
           ELSE NULL END
       RETURNING failures, locked_until, (failures = $2) AS locked_now`,
        [key, max, windowMs],
      );
    const row = rows[0];
    return { failures: row.failures, lockedUntil: row.locked_now ? row.locked_until : null };
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM identity.login_attempts WHERE key = $1`, [key]);
  }
}
