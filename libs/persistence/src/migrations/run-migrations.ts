import type { DataSource, Migration } from 'typeorm';

/** Any fixed 64-bit number shared by every instance of the app: "the migration lock". */
const MIGRATION_LOCK_KEY = 7_300_442_118_245_001n;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock on a dedicated connection, so two
 * instances starting together never migrate at once: the second waits, then finds nothing to do.
 * Each migration runs in its own transaction.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()])
      .catch(() => undefined);
    await lockRunner.release();
  }
}
