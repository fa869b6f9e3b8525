import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import type { Pool, PoolClient } from 'pg';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { RequestContextStore } from '@libs/core';
import { JOBS_OPTIONS, JOBS_SCHEMA, type JobsOptions } from './jobs.options';

/** What a handler learns about the job it runs, besides its data. */
export interface JobContext {
  id: string;
  name: string;
}

/**
 * Works one job. Jobs are delivered at least once (a crash or a throw means another run), so handlers
 * must be idempotent. Throwing fails the run; the job is retried per its queue's retry options.
 */
export type JobHandler<T extends object = object> = (data: T, job: JobContext) => Promise<void>;

export interface RegisterJobOptions {
  /**
   * pg-boss queue policy. `short` keeps at most one job waiting per singleton key: repeated wake-ups
   * of a sweeper coalesce into one run. Default `standard`.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Retries after a failed run (default 2), spaced by `retryDelaySeconds` (default 0), optionally doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Longest a run may take before pg-boss fails it (default 15 min). */
  expireInSeconds?: number;
  /** Jobs of this queue worked at once on this instance (default 1). */
  concurrency?: number;
}

export interface SendJobOptions {
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /** With a `short` or `singleton` queue: jobs sharing the key are deduplicated. */
  singletonKey?: string;
  /** Overrides the queue's retry limit for this job. */
  retryLimit?: number;
}

interface Registration {
  name: string;
  handler: JobHandler<object>;
  options: RegisterJobOptions;
}

/** Handlers act as the system: audit rows name no user, `*_by` columns stay null. */
const SYSTEM_ACTOR = { type: 'system', id: null } as const;

/** pg-boss validates every key present, so absent options must be absent keys, not `undefined`. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The statements by which pg-boss 10 completes or fails a job its worker ran: it does not await them
 * (manager.js, `watch`), so a database error there (a connection lost, the pool closed after a
 * shutdown deadline) would be an unhandled rejection, which stops Node. See `executeSql`.
 */
const UNAWAITED_STATEMENT = /^\s*WITH (results|deleted_jobs) AS \(/;

/**
 * The job queue (pg-boss on the application's own database and connection pool, schema `pgboss`).
 *
 * Modules register their jobs while the application starts (`onModuleInit`), then `send` or `schedule`
 * them. `send` inside an ambient transaction (`@Transactional()`) writes the job with the business
 * change, on the transaction's connection: a rolled-back change sends no job, a committed one always has
 * it. Handlers run in a request context of their own, acting as the system (repositories, `@Transactional`
 * and the audit triggers work as in a request).
 *
 * pg-boss starts at application bootstrap (creating its schema on first use, ~50 ms) and stops at
 * shutdown before the connection pool closes, waiting up to `shutdownTimeoutMs` for running handlers.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly registrations = new Map<string, Registration>();
  private readonly activated = new Set<string>();
  /** Local workers per queue, to wake them right after a send that needs no commit first. */
  private readonly workerIds = new Map<string, string[]>();
  private starting?: Promise<PgBoss>;
  private stopped = false;

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
  ) {}

  /** Whether this instance works jobs (JOBS_ENABLED); when not, it only enqueues them. */
  get working(): boolean {
    return this.options.enabled;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (!this.starting) return;
    const boss = await this.starting;
    await boss.stop({ graceful: true, wait: true, timeout: this.options.shutdownTimeoutMs });
  }

  /**
   * Declares a job: creates its queue and, when this instance works jobs, its worker(s). Call it while
   * the application starts (`onModuleInit`); a name can be registered once.
   */
  async register<T extends object>(
    name: string,
    handler: JobHandler<T>,
    options: RegisterJobOptions = {},
  ): Promise<void> {
    if (this.registrations.has(name)) throw new Error(`Job "${name}" is registered twice`);
    const registration = { name, handler: handler as JobHandler<object>, options };
    this.registrations.set(name, registration);
    if (this.starting) await this.activate(await this.starting, registration);
  }

  /**
   * Enqueues a job; returns its id, or null when a `short`/`singleton` queue already holds one with the
   * same singleton key. Inside an ambient transaction the job is written in that transaction.
   */
  async send<T extends object>(name: string, data: T, options: SendJobOptions = {}): Promise<string | null> {
    if (!this.registrations.has(name)) throw new Error(`Job "${name}" is not registered`);
    const boss = await this.boss();
    const sendOptions: PgBoss.SendOptions = definedOnly({ ...options });
    if (this.txHost.isTransactionActive()) {
      return boss.send(name, data, { ...sendOptions, db: await this.transactionDb() });
    }
    const id = await boss.send(name, data, sendOptions);
    if (id && options.startAfter === undefined) this.wake(boss, name);
    return id;
  }

  /**
   * Runs a registered job on a cron schedule (5 fields, minute precision), once per tick across all
   * instances. Re-scheduling a name replaces its schedule. No-op on an instance that works no jobs.
   */
  async schedule(
    name: string,
    cron: string,
    data: object = {},
    options: { tz?: string } = {},
  ): Promise<void> {
    if (!this.registrations.has(name)) throw new Error(`Job "${name}" is not registered`);
    if (!this.options.enabled) return;
    await (await this.boss()).schedule(name, cron, data, { tz: options.tz ?? 'UTC' });
  }

  private boss(): Promise<PgBoss> {
    if (this.stopped) return Promise.reject(new Error('The job queue is stopped'));
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.executeSql(pool, text, values) },
      schema: JOBS_SCHEMA,
      // Maintenance and cron only where jobs are worked; every instance may create the schema.
      supervise: this.options.enabled,
      schedule: this.options.enabled,
      migrate: true,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'Job queue error'));
    await boss.start();
    for (const registration of this.registrations.values()) await this.activate(boss, registration);
    return boss;
  }

  private async activate(boss: PgBoss, registration: Registration): Promise<void> {
    const { name, options } = registration;
    if (this.activated.has(name)) return;
    this.activated.add(name);
    const queue: PgBoss.Queue = definedOnly({
      name,
      policy: options.policy ?? 'standard',
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: options.retryBackoff,
      expireInSeconds: options.expireInSeconds,
    });
    // createQueue leaves an existing queue as it is; updateQueue brings its options in line with the code.
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
    if (!this.options.enabled) return;
    const workOptions = { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds };
    const ids: string[] = [];
    for (let i = 0; i < (options.concurrency ?? 1); i += 1) {
      ids.push(await boss.work<object>(name, workOptions, ([job]) => this.run(registration, job)));
    }
    this.workerIds.set(name, ids);
  }

  private run(registration: Registration, job: PgBoss.Job<object>): Promise<void> {
    const context: RequestContextStore = { actor: { ...SYSTEM_ACTOR }, requestId: `job-${job.id}` };
    return this.cls.runWith(context, async () => {
      try {
        await registration.handler(job.data, { id: job.id, name: job.name });
      } catch (error) {
        this.logger.error({ err: error, job: job.name, jobId: job.id }, 'Job failed');
        throw error;
      }
    });
  }

  /**
   * Runs pg-boss's statements on the application's pool. The completion and failure of a worked job
   * never reject (see UNAWAITED_STATEMENT): the error is logged and pg-boss reads "nothing changed";
   * the job, left `active`, expires and is retried, which handlers tolerate (at-least-once).
   */
  private executeSql(pool: Pool, text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    const result = pool.query(text, values);
    if (!UNAWAITED_STATEMENT.test(text)) return result;
    return result.catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Could not record the end of a job; it will expire and run again');
      return undefined as unknown as { rows: unknown[] };
    });
  }

  /** The ambient transaction's connection, in the shape pg-boss executes through. */
  private async transactionDb(): Promise<PgBoss.Db> {
    const client = (await this.txHost.tx.queryRunner!.connect()) as PoolClient;
    return { executeSql: (text, values) => client.query(text, values) };
  }

  private wake(boss: PgBoss, name: string): void {
    for (const id of this.workerIds.get(name) ?? []) boss.notifyWorker(id);
  }
}
