import { dropTestDatabases, TEST_ENV } from '@libs/testing';

export default async function globalTeardown(): Promise<void> {
  const cluster = globalThis.__CORNERSTONE_TEST_CLUSTER__;
  if (!cluster) return;
  await dropTestDatabases(cluster, process.env[TEST_ENV.templateDatabase]!);
  await cluster.stop();
}
