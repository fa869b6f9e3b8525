import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { formatCycles, formatLoadOrder, planTableLoadOrder, readForeignKeyGraph } from '../../database';
import { CliDatabase } from '../cli-database';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

interface DbPlanOptions {
  json?: boolean;
}

@Command({
  name: 'db:plan',
  description: 'Print every table in foreign-key load order, grouped by schema; fail on a cycle',
})
export class DbPlanCommand extends CommandRunner {
  constructor(
    @Inject(CliDatabase) private readonly database: CliDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {
    super();
  }

  async run(_arguments: string[], options: DbPlanOptions = {}): Promise<void> {
    const order = planTableLoadOrder(await readForeignKeyGraph(await this.database.dataSource()));
    if (options.json) this.terminal.print(JSON.stringify(order, null, 2));
    else if (order.kind === 'ordered') this.terminal.print(formatLoadOrder(order));
    if (order.kind === 'cycle') throw new CliError(formatCycles(order.cycles));
  }

  @Option({ flags: '--json', description: 'print the plan (or the cycles) as JSON on stdout' })
  parseJson(): boolean {
    return true;
  }
}
