import 'reflect-metadata';
import { appConfig, databaseConfig } from './config';
import { createApp } from './bootstrap/create-app';
import { migrateDatabase } from './bootstrap/migrate';
import { provideDatabase } from './bootstrap/provide-database';
import { handleShutdown } from './bootstrap/shutdown';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const database = await provideDatabase();
  try {
    if (databaseConfig().migrateOnStart) {
      const applied = await migrateDatabase(database.url);
      if (applied.length)
        process.stdout.write(`Applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
    }
    const app = await createApp();
    const { port, host } = appConfig();
    await app.listen({ port, host });
    handleShutdown(app, database);

    const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    const banner = [
      `Cornerstone is up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${database.description})`,
      `  API         ${base}/api/v1`,
      `  Swagger UI  ${base}/docs`,
      `  OpenAPI     ${base}/docs-json`,
      `  Health      ${base}/health/ready`,
    ];
    process.stdout.write(`${banner.join('\n')}\n`);
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Cornerstone failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
