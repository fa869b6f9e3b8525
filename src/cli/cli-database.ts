import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '@libs/persistence';
import type { ProvidedDatabase } from '../bootstrap/provide-database';
import { CliError } from './cli-error';
import { Terminal } from './terminal';

/** `provideDatabase` in production: DATABASE_URL, or the embedded server `npm start` uses. */
export const PROVIDE_DATABASE = Symbol('PROVIDE_DATABASE');
export type ProvideDatabase = () => Promise<ProvidedDatabase>;

/** host:port/database, without the credentials. */
function describeUrl(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
}

/**
 * The one connection of a CLI run. It opens on first use, so `--help` or a mistyped command never
 * starts an embedded server, and it closes when the command ends (Nest calls onApplicationShutdown),
 * so no pool or server keeps the process alive.
 */
@Injectable()
export class CliDatabase implements OnApplicationShutdown {
  private database?: Promise<ProvidedDatabase>;
  private connection?: Promise<DataSource>;

  constructor(
    @Inject(PROVIDE_DATABASE) private readonly provide: ProvideDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {}

  dataSource(): Promise<DataSource> {
    this.connection ??= this.connect();
    return this.connection;
  }

  private async connect(): Promise<DataSource> {
    this.database = this.provide();
    const { url, description } = await this.database;
    this.terminal.note(`Using ${description}`);
    const dataSource = new DataSource(
      createDataSourceOptions({ url, poolSize: 2, applicationName: 'cornerstone-cli' }),
    );
    try {
      return await dataSource.initialize();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`Cannot connect to the database at ${describeUrl(url)}: ${reason}`, {
        cause: error,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const dataSource = await this.connection?.catch(() => undefined);
    if (dataSource?.isInitialized) await dataSource.destroy();
    const database = await this.database?.catch(() => undefined);
    await database?.stop();
  }
}
