/** How the application runs its job queue (built from configuration by the app's JobsModule.forRootAsync). */
export interface JobsOptions {
  /**
   * `false`: this instance queues jobs (`send`) but works none: no workers, no cron schedules, no queue
   * maintenance. For API-only instances beside worker instances, and for tools that only enqueue.
   */
  enabled: boolean;
  /** How often an idle worker asks for new jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds: number;
  /** How long shutdown waits for running handlers; jobs still running then are failed and retried later. */
  shutdownTimeoutMs: number;
}

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** The PostgreSQL schema pg-boss creates and owns (outside the migrations: pg-boss versions it itself). */
export const JOBS_SCHEMA = 'pgboss';
