import { Module } from '@nestjs/common';
import { provideDatabase } from '../bootstrap/provide-database';
import { SeedingModule } from '../database';
import { CliDatabase, PROVIDE_DATABASE } from './cli-database';
import { AdminCreateCommand } from './commands/admin-create.command';
import { DbMigrateCommand } from './commands/db-migrate.command';
import { DbPlanCommand } from './commands/db-plan.command';
import { DbSeedCommand } from './commands/db-seed.command';
import { ProviderConfigsReencryptCommand } from './commands/provider-configs-reencrypt.command';
import { Terminal } from './terminal';

/**
 * The commands of `npm run cli`, without the HTTP app: no server, no request pipeline, one small
 * connection. Modules that contribute seeders (@RegisterSeeder) are added to `imports`.
 * Providers name their dependencies with @Inject(Token), so they resolve under any TypeScript
 * runner, including those that emit no decorator metadata.
 */
@Module({
  imports: [SeedingModule],
  providers: [
    Terminal,
    { provide: PROVIDE_DATABASE, useValue: provideDatabase },
    CliDatabase,
    DbMigrateCommand,
    DbPlanCommand,
    DbSeedCommand,
    AdminCreateCommand,
    ProviderConfigsReencryptCommand,
  ],
})
export class CliModule {}
