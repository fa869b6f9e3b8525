import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { currentContext, type RequestContextStore } from '@libs/core';
import { Jobs } from '@libs/persistence';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

interface Ran {
  tag: string;
  actorType?: string;
  requestId?: string;
}

/** A module of the test: one quick job that records its runs, one that takes as long as it is told. */
@Injectable()
class Recorder implements OnModuleInit {
  readonly ran: Ran[] = [];
  readonly finished: string[] = [];

  constructor(@Inject(Jobs) private readonly jobs: Jobs) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<{ tag: string }>('test.record', ({ tag }) => {
      const context = currentContext();
      this.ran.push({ tag, actorType: context.actor?.type, requestId: context.requestId });
      return Promise.resolve();
    });
    await this.jobs.register<{ tag: string; ms: number }>(
      'test.slow',
      async ({ tag, ms }) => {
        this.ran.push({ tag });
        await new Promise((resolve) => setTimeout(resolve, ms));
        this.finished.push(tag);
      },
      { retryLimit: 1 },
    );
  }
}

@Module({ providers: [Recorder] })
class JobsTestModule {}

const FAST = { JOBS_POLL_INTERVAL_SECONDS: '0.5' };

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Job rows straight from pg-boss's table, through a connection of the test (the app may be closed). */
async function jobStates(url: string, name: string): Promise<Array<{ state: string; tag: string }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; tag: string }>(
      `SELECT state, data->>'tag' AS tag FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
      [name],
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('jobs (pg-boss)', () => {
  describe('a running application', () => {
    let t: TestApp;
    let jobs: Jobs;
    let recorder: Recorder;

    /** Runs `work` in a transaction of a fresh context, as a service method under @Transactional would. */
    function inTransaction(work: () => Promise<void>): Promise<void> {
      const cls = t.app.get<ClsService<RequestContextStore>>(ClsService);
      const txHost = t.app.get(TransactionHost);
      return cls.run(() => txHost.withTransaction(work));
    }

    beforeAll(async () => {
      t = await startTestApp({ env: FAST, extraModules: [JobsTestModule] });
      jobs = t.app.get(Jobs);
      recorder = t.app.get(Recorder);
    });
    afterAll(() => t?.close());

    it('works a job that was sent, as the system, in a context of its own', async () => {
      const id = await jobs.send('test.record', { tag: 'plain' });
      await until('the job to run', () => recorder.ran.some((r) => r.tag === 'plain'));
      expect(recorder.ran.find((r) => r.tag === 'plain')).toEqual({
        tag: 'plain',
        actorType: 'system',
        requestId: `job-${id}`,
      });
    });

    it('never runs a job sent inside a transaction that rolled back; runs one whose transaction committed', async () => {
      await expect(
        inTransaction(async () => {
          await jobs.send('test.record', { tag: 'rolled-back' });
          throw new Error('the business change failed');
        }),
      ).rejects.toThrow('the business change failed');
      await inTransaction(async () => {
        await jobs.send('test.record', { tag: 'committed' });
      });

      await until('the committed job to run', () => recorder.ran.some((r) => r.tag === 'committed'));
      // Wait a few more polls: the rolled-back job must not turn up late either.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(recorder.ran.map((r) => r.tag)).not.toContain('rolled-back');
      expect((await jobStates(t.database.url, 'test.record')).map((j) => j.tag)).not.toContain('rolled-back');
    });

    it('refuses to send or schedule a job nobody registered', async () => {
      await expect(jobs.send('test.unknown', {})).rejects.toThrow('Job "test.unknown" is not registered');
      await expect(jobs.schedule('test.unknown', '* * * * *')).rejects.toThrow(/not registered/);
    });

    it('stores a cron schedule for a registered job', async () => {
      await jobs.schedule('test.record', '0 3 * * *', { tag: 'nightly' });
      const rows: Array<{ cron: string; timezone: string }> = await t.dataSource.query(
        `SELECT cron, timezone FROM pgboss.schedule WHERE name = 'test.record'`,
      );
      expect(rows).toEqual([{ cron: '0 3 * * *', timezone: 'UTC' }]);
    });
  });

  describe('shutdown', () => {
    it('waits for a running job to finish, then stops working and leaves the pool to close cleanly', async () => {
      const t = await startTestApp({ env: FAST, extraModules: [JobsTestModule] });
      try {
        const recorder = t.app.get(Recorder);
        await t.app.get(Jobs).send('test.slow', { tag: 'in-flight', ms: 700 });
        await until('the slow job to start', () => recorder.ran.some((r) => r.tag === 'in-flight'));
        await t.app.close();
        expect(recorder.finished).toEqual(['in-flight']);
        expect(await jobStates(t.database.url, 'test.slow')).toEqual([
          { state: 'completed', tag: 'in-flight' },
        ]);
      } finally {
        await t.database.drop();
      }
    });

    it('fails a job still running at the deadline, so that it is retried later', async () => {
      const t = await startTestApp({
        env: { ...FAST, JOBS_SHUTDOWN_TIMEOUT_MS: '1000' },
        extraModules: [JobsTestModule],
      });
      try {
        const recorder = t.app.get(Recorder);
        await t.app.get(Jobs).send('test.slow', { tag: 'too-long', ms: 3000 });
        await until('the slow job to start', () => recorder.ran.some((r) => r.tag === 'too-long'));
        await t.app.close();
        expect(recorder.finished).toEqual([]);
        expect(await jobStates(t.database.url, 'test.slow')).toEqual([{ state: 'retry', tag: 'too-long' }]);
      } finally {
        await t.database.drop();
      }
    });
  });

  describe('JOBS_ENABLED=false', () => {
    it('queues jobs but works none on this instance', async () => {
      const t = await startTestApp({
        env: { ...FAST, JOBS_ENABLED: 'false' },
        extraModules: [JobsTestModule],
      });
      try {
        await t.app.get(Jobs).send('test.record', { tag: 'queued' });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(t.app.get(Recorder).ran).toEqual([]);
        expect(await jobStates(t.database.url, 'test.record')).toEqual([{ state: 'created', tag: 'queued' }]);
      } finally {
        await t.close();
      }
    });
  });
});
