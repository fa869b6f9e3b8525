import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { secretBoxOf, secretsConfig } from '../../config';
import { ReencryptError, reencryptProviderConfigs } from '../../modules/integrations';
import { CliDatabase } from '../cli-database';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

@Command({
  name: 'provider-configs:reencrypt',
  description:
    'Re-encrypt the credentials and inbound secrets of every provider configuration under ENCRYPTION_KEY ' +
    '(after a key rotation; the old key must be in ENCRYPTION_PREVIOUS_KEYS). Safe to repeat',
})
export class ProviderConfigsReencryptCommand extends CommandRunner {
  constructor(
    @Inject(CliDatabase) private readonly database: CliDatabase,
    @Inject(Terminal) private readonly terminal: Terminal,
  ) {
    super();
  }

  async run(): Promise<void> {
    // Read when the command runs, not at start-up: `--help` needs no secrets.
    const box = secretBoxOf(secretsConfig());
    const dataSource = await this.database.dataSource();
    try {
      const count = await reencryptProviderConfigs(dataSource.manager, box);
      this.terminal.print(`Re-encrypted ${count} provider configuration(s) under key "${box.currentKeyId}"`);
    } catch (error) {
      if (error instanceof ReencryptError) throw new CliError(error.message);
      throw error;
    }
  }
}
