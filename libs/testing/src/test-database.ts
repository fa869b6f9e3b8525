import { randomBytes } from 'node:crypto';
import { TEST_ENV, withAdminClient } from './test-cluster';
import { assertTestDatabaseName, withDatabase } from './test-database-name';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run e2e tests through jest (its global setup prepares the database)`,
    );
  return value;
}

/**
 * A database of one's own for one test file: a clone of the migrated template (CREATE DATABASE …
 * TEMPLATE copies files, far faster than migrating), so test files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requiredEnv(TEST_ENV.adminUrl);
  const template = requiredEnv(TEST_ENV.templateDatabase);
  const name = `${template}_clone_${randomBytes(5).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}
