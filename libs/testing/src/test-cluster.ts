import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@libs/persistence';
import { assertTestDatabaseName, databaseNameOf, withDatabase } from './test-database-name';

/** Handed from the global setup to every test file through the environment. */
export const TEST_ENV = {
  adminUrl: 'CORNERSTONE_TEST_ADMIN_URL',
  templateDatabase: 'CORNERSTONE_TEST_TEMPLATE_DB',
} as const;

export interface TestCluster {
  /** URL of a maintenance database on the server, used to create and drop test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server of a test run: TEST_DATABASE_URL when set (its database name must contain
 * "test"), otherwise a throw-away embedded server in a temporary directory, tuned for speed.
 */
export async function startTestCluster(): Promise<TestCluster> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    assertTestDatabaseName(databaseNameOf(external));
    return { adminUrl: external, stop: () => Promise.resolve() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cornerstone-test-pg-'));
  // mkdtemp makes it private to root; the server runs as the `postgres` user and must traverse it.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'cluster'), ephemeral: true });
  return {
    adminUrl: server.urlFor('postgres'),
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (or recreates) the template database and lets `migrate` bring it to the latest schema. */
export async function prepareTemplateDatabase(
  cluster: TestCluster,
  name: string,
  migrate: (url: string) => Promise<void>,
): Promise<void> {
  assertTestDatabaseName(name);
  await withAdminClient(cluster.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  await migrate(withDatabase(cluster.adminUrl, name));
}

/** Drops the template and every clone of this run that a crashed test file left behind. */
export async function dropTestDatabases(cluster: TestCluster, template: string): Promise<void> {
  await withAdminClient(cluster.adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `${template}_clone_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
