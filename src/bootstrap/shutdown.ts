import type { INestApplication } from '@nestjs/common';
import type { ProvidedDatabase } from './provide-database';

/** Longest wait for in-flight requests before the process gives up and exits anyway. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * Ctrl-C / SIGTERM: stop accepting connections, let in-flight requests finish, close the pool (all in
 * `app.close()`), then stop the embedded PostgreSQL so no orphan `postgres` process remains.
 */
export function handleShutdown(app: INestApplication, database: ProvidedDatabase): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal} received: shutting down gracefully\n`);
    const deadline = setTimeout(() => {
      process.stderr.write('Shutdown deadline passed; exiting\n');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    let exitCode = 0;
    try {
      await app.close();
    } catch (error) {
      exitCode = 1;
      process.stderr.write(`Error while closing the app: ${String(error)}\n`);
    }
    try {
      await database.stop();
    } catch (error) {
      exitCode = 1;
      process.stderr.write(`Error while stopping PostgreSQL: ${String(error)}\n`);
    }
    process.exit(exitCode);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
}
