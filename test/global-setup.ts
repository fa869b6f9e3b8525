import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { prepareTemplateDatabase, startTestCluster, TEST_ENV, type TestCluster } from '@libs/testing';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

declare global {
  var __CORNERSTONE_TEST_CLUSTER__: TestCluster | undefined;
}

/**
 * Migrates through the TypeORM CLI in a child process: Jest's require hook is gone by the time this
 * setup runs, so TypeORM could not load the TypeScript migrations in-process.
 */
async function migrate(url: string): Promise<void> {
  await run(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'node_modules/typeorm/cli.js',
      'migration:run',
      '-d',
      'libs/persistence/src/cli-data-source.ts',
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
  );
}

/** Once per test run: a PostgreSQL server and a migrated template database that every test file clones. */
export default async function globalSetup(): Promise<void> {
  const cluster = await startTestCluster();
  const template = `cornerstone_test_${process.pid}`;
  try {
    await prepareTemplateDatabase(cluster, template, migrate);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  globalThis.__CORNERSTONE_TEST_CLUSTER__ = cluster;
  process.env[TEST_ENV.adminUrl] = cluster.adminUrl;
  process.env[TEST_ENV.templateDatabase] = template;
}
