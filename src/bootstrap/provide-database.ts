import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '@libs/persistence';
import { Client } from 'pg';
import { appConfig } from '../config';

export interface ProvidedDatabase {
  url: string;
  description: string;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'cornerstone';

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * `DATABASE_URL` when set (no embedded server starts); otherwise an embedded PostgreSQL kept in
 * `<DATA_DIR>/postgres`, reused across restarts. Exposes the URL to the config as DATABASE_URL.
 */
export async function provideDatabase(): Promise<ProvidedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: external, description: 'PostgreSQL from DATABASE_URL', stop: () => Promise.resolve() };
  }
  const dataDir = resolve(appConfig().dataDir, 'postgres');
  const server = await startEmbeddedPostgres({ dataDir });
  try {
    await ensureDatabaseExists(server.urlFor('postgres'), EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = server.urlFor(EMBEDDED_DATABASE);
  process.env.DATABASE_URL = url;
  return {
    url,
    description: `embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${dataDir}`,
    stop: () => server.stop(),
  };
}
