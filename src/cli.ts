import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { CliError } from './cli/cli-error';

/**
 * Sets the exit code rather than calling process.exit(): CommandFactory.run then closes the app (the
 * pool, an embedded server), and the process ends by itself with this code once output is flushed.
 */
function reportFailure(error: unknown): void {
  process.exitCode = 1;
  const text =
    error instanceof CliError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${text}\n`);
}

// `npm run cli -- <command>`: db:migrate, db:plan [--json], db:seed.
CommandFactory.run(CliModule, {
  logger: ['error', 'warn'],
  abortOnError: false,
  serviceErrorHandler: reportFailure,
}).catch(reportFailure);
