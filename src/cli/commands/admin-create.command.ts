import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppError } from '@libs/core';
import { createPlatformAdmin, PlatformAdminError } from '../../modules/identity';
import { CliDatabase } from '../cli-database';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

interface AdminCreateOptions {
  email?: string;
  password?: string;
  name?: string;
}

@Command({
  name: 'admin:create',
  description:
    'Create a platform administrator (active, verified); without --password a strong one is generated and printed once',
})
export class AdminCreateCommand extends CommandRunner {
  constructor(
    @Inject(CliDatabase) private readonly database: CliDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {
    super();
  }

  async run(_arguments: string[], options: AdminCreateOptions = {}): Promise<void> {
    if (!options.email) throw new CliError('--email is required');
    const dataSource = await this.database.dataSource();
    try {
      const created = await createPlatformAdmin(dataSource.manager, {
        email: options.email,
        password: options.password,
        name: options.name,
      });
      this.terminal.print(`Platform administrator created: ${created!.email} (${created!.userId})`);
      if (created!.generatedPassword)
        this.terminal.print(
          `  password: ${created!.generatedPassword}\n  (shown once; change it after signing in)`,
        );
    } catch (error) {
      if (error instanceof PlatformAdminError) throw new CliError(error.message);
      if (error instanceof AppError) throw new CliError(`Cannot create the administrator: ${error.detail}`);
      throw error;
    }
  }

  @Option({ flags: '--email <email>', description: 'e-mail address of the administrator (required)' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--password <password>',
    description: 'password (10 characters to 72 bytes); generated when omitted',
  })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'display name (default "Platform administrator")' })
  parseName(value: string): string {
    return value;
  }
}
