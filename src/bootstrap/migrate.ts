import { DataSource } from 'typeorm';
import { createDataSourceOptions, runMigrationsWithLock } from '@libs/persistence';

/** Applies pending migrations on a short-lived connection, before any module touches the database. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource(
    createDataSourceOptions({ url, poolSize: 2, applicationName: 'cornerstone-migrate' }),
  );
  await dataSource.initialize();
  try {
    const applied = await runMigrationsWithLock(dataSource);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
