import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import type { Migration } from 'typeorm';
import { runMigrationsWithLock } from '@libs/persistence';
import { CliDatabase } from '../cli-database';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

@Command({ name: 'db:migrate', description: 'Apply pending migrations (under the same lock as the app)' })
export class DbMigrateCommand extends CommandRunner {
  constructor(
    @Inject(CliDatabase) private readonly database: CliDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {
    super();
  }

  async run(): Promise<void> {
    const applied = await this.migrate();
    if (!applied.length) {
      this.terminal.print('Database is up to date');
      return;
    }
    this.terminal.print(
      [`Applied ${applied.length} migration(s):`, ...applied.map((migration) => `  ${migration.name}`)].join(
        '\n',
      ),
    );
  }

  /** TypeORM has already logged the failing migration and statement; say what state that leaves. */
  private async migrate(): Promise<Migration[]> {
    const dataSource = await this.database.dataSource();
    try {
      return await runMigrationsWithLock(dataSource);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(
        `Migration failed: ${reason}\nEach migration runs in its own transaction: the ones before it stay applied.`,
        { cause: error },
      );
    }
  }
}
