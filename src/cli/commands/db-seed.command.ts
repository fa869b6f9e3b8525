import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { SeedRunner } from '../../database';
import { CliDatabase } from '../cli-database';
import { Terminal } from '../terminal';

@Command({ name: 'db:seed', description: 'Run the idempotent seeders of every module (safe to repeat)' })
export class DbSeedCommand extends CommandRunner {
  constructor(
    @Inject(SeedRunner) private readonly seedRunner: SeedRunner,
    @Inject(CliDatabase) private readonly database: CliDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {
    super();
  }

  async run(): Promise<void> {
    const count = this.seedRunner.seeders().length;
    if (!count) {
      this.terminal.print('No seeders registered: nothing to seed');
      return;
    }
    this.terminal.print(`Running ${count} seeder(s)`);
    await this.seedRunner.run(await this.database.dataSource(), ({ name, milliseconds }) =>
      this.terminal.print(`  ${name} (${milliseconds} ms)`),
    );
    this.terminal.print('Seeding done');
  }
}
