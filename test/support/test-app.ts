import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@libs/testing';
import { createApp } from '../../src/bootstrap/create-app';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest bound to the app: `t.http.get('/api/v1/…')`. */
  http: ReturnType<typeof supertest.agent>;
  /** The app's own data source, on this test file's private database. */
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  /** Settings for this app only, e.g. `{ RATE_LIMIT_PER_MINUTE: '3' }`. */
  env?: Record<string, string>;
  /** Test-only modules mounted beside the real ones (e.g. a controller exercising a core mechanism). */
  extraModules?: Type<unknown>[];
}

/** Runs `work` with some environment variables set, and restores them afterwards. */
async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * The real application (the same `createApp()` as production) on a private clone of the migrated
 * database.
 */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await withEnv({ ...options.env, DATABASE_URL: database.url }, async () => {
    const created = await createApp({ version: 'test', extraModules: options.extraModules });
    await created.init();
    await created.getHttpAdapter().getInstance().ready();
    return created;
  });
  return {
    app,
    http: supertest.agent(app.getHttpServer()),
    dataSource: app.get(DataSource),
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
