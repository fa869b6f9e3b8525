import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Injectable, Module, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@libs/testing';
import type { ProvideDatabase } from '../../src/cli/cli-database';
import { PROVIDE_DATABASE } from '../../src/cli/cli-database';
import { CliError } from '../../src/cli/cli-error';
import { CliModule } from '../../src/cli/cli.module';
import { DbMigrateCommand } from '../../src/cli/commands/db-migrate.command';
import { DbPlanCommand } from '../../src/cli/commands/db-plan.command';
import { DbSeedCommand } from '../../src/cli/commands/db-seed.command';
import { Terminal } from '../../src/cli/terminal';
import { RegisterSeeder, type Seeder } from '../../src/database';

const ROOT = join(__dirname, '..', '..');
const CYCLE_FIXTURE = join(ROOT, 'test', 'fixtures', 'db-plan', 'foreign-key-cycle.sql');
const CYCLE_TABLES = ['fixture.companies', 'fixture.employees', 'fixture.offices'];
/** Compiling on the fly and starting Nest takes 2-3 s, more on a busy machine. */
const SPAWN_TIMEOUT_MS = 30_000;

class RecordingTerminal extends Terminal {
  readonly printed: string[] = [];
  override print(text: string): void {
    this.printed.push(text);
  }
  override note(): void {}
  get output(): string {
    return this.printed.join('\n');
  }
}

interface InProcessCli {
  module: TestingModule;
  terminal: RecordingTerminal;
  command<T>(type: Type<T>): T;
}

/** The CliModule as `src/cli.ts` builds it, on a test database, with its output recorded. */
async function startCli(url: string, extraModules: Type<unknown>[] = []): Promise<InProcessCli> {
  const terminal = new RecordingTerminal();
  const provideTestDatabase: ProvideDatabase = () =>
    Promise.resolve({ url, description: 'the test database', stop: () => Promise.resolve() });
  const module = await Test.createTestingModule({ imports: [CliModule, ...extraModules] })
    .overrideProvider(PROVIDE_DATABASE)
    .useValue(provideTestDatabase)
    .overrideProvider(Terminal)
    .useValue(terminal)
    .compile();
  return { module, terminal, command: (type) => module.get(type) };
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function queryRows(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The CLI as `npm run cli -- …` runs it; never throws, so the exit code can be asserted. */
async function spawnCli(args: string[], databaseUrl: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'src/cli.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        // A pool left open keeps the process alive until its 30 s idle timeout: killing it sooner makes
        // such a leak fail the test instead of merely slowing it down.
        timeout: 25_000,
      },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; signal?: string; stdout: string; stderr: string };
    return { exitCode: failed.code ?? failed.signal, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('CLI (npm run db:*)', () => {
  let migrated: TestDatabase;
  let withCycle: TestDatabase;

  beforeAll(async () => {
    [migrated, withCycle] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await runSql(withCycle.url, await readFile(CYCLE_FIXTURE, 'utf8'));
  });

  afterAll(async () => {
    await Promise.all([migrated?.drop(), withCycle?.drop()]);
  });

  describe('db:plan', () => {
    let cli: InProcessCli;
    afterEach(() => cli.module.close());

    it('lists the tables of the migrated database grouped by schema', async () => {
      cli = await startCli(migrated.url);

      await cli.command(DbPlanCommand).run([]);

      expect(cli.terminal.output).toMatch(/^Load order \(\d+ tables?, \d+ schemas?\)\n/);
      const output = cli.terminal.output;
      // Each group: the schema on a line of its own, then its numbered tables.
      const platformGroup = output.split(/\n(?=\S)/).find((group) => group.startsWith('platform\n'));
      expect(platformGroup).toMatch(/^ +\d+\. platform\.idempotency_keys\b/m);
      expect(output).not.toMatch(/migrations|typeorm_metadata/);
      // Parents load before the tables that reference them, across modules too.
      for (const [parent, child] of [
        ['identity.users', 'identity.sessions'],
        ['companies.companies', 'access.roles'],
        ['access.roles', 'companies.memberships'],
      ]) {
        expect(output).toContain(parent);
        expect(output.search(new RegExp(`\\d+\\. ${parent.replace('.', '\\.')}\\b`))).toBeLessThan(
          output.search(new RegExp(`\\d+\\. ${child.replace('.', '\\.')}\\b`)),
        );
      }
    });

    it('prints the plan as JSON with --json', async () => {
      cli = await startCli(migrated.url);

      await cli.command(DbPlanCommand).run([], { json: true });

      const plan = JSON.parse(cli.terminal.output);
      expect(plan.kind).toBe('ordered');
      const platformTables = plan.groups
        .filter((group: { schema: string }) => group.schema === 'platform')
        .flatMap((group: { tables: unknown[] }) => group.tables);
      expect(platformTables).toContainEqual(
        expect.objectContaining({ table: 'platform.idempotency_keys', references: [] }),
      );
    });

    it('fails on a foreign-key cycle and names its three tables, not the tables depending on it', async () => {
      cli = await startCli(withCycle.url);

      const failure = cli.command(DbPlanCommand).run([]);

      await expect(failure).rejects.toThrow(CliError);
      const message = await failure.catch((error: Error) => error.message);
      expect(message).toContain(`cycle: ${CYCLE_TABLES.join(', ')}`);
      expect(message).toContain('fixture.companies -> fixture.offices');
      expect(message).toContain('fixture.offices -> fixture.employees');
      expect(message).toContain('fixture.employees -> fixture.companies');
      expect(message).not.toContain('fixture.badges');
    });

    it(
      'runs as `npm run cli -- db:plan`, exits 0 and closes its connections',
      async () => {
        const result = await spawnCli(['db:plan'], migrated.url);

        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toContain('platform.idempotency_keys');
      },
      SPAWN_TIMEOUT_MS,
    );

    it(
      'exits 1 on a cycle with the tables named and no stack trace',
      async () => {
        const result = await spawnCli(['db:plan'], withCycle.url);

        expect(result.exitCode).toBe(1);
        expect(result.stderr).toContain(`cycle: ${CYCLE_TABLES.join(', ')}`);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      },
      SPAWN_TIMEOUT_MS,
    );
  });

  describe('db:migrate', () => {
    it('has nothing to apply on a migrated database', async () => {
      const cli = await startCli(migrated.url);
      try {
        await cli.command(DbMigrateCommand).run();
      } finally {
        await cli.module.close();
      }

      expect(cli.terminal.output).toBe('Database is up to date');
    });
  });

  describe('db:seed', () => {
    const CURRENCIES =
      "INSERT INTO seed_fixture.currencies (code, name) VALUES ('EUR', 'Euro'), ('CHF', 'Swiss franc')";

    @Injectable()
    @RegisterSeeder({ order: 20 })
    class PricesSeeder implements Seeder {
      readonly name = 'fixture: prices';
      async run(manager: EntityManager): Promise<void> {
        // Needs the currencies: proves the declared order, not the order of `providers`, decides.
        await manager.query(
          `INSERT INTO seed_fixture.prices (sku, currency_code, amount)
           VALUES ('TEA', 'EUR', 4.5), ('TEA', 'CHF', 4.9)
           ON CONFLICT (sku, currency_code) DO NOTHING`,
        );
      }
    }

    @Injectable()
    @RegisterSeeder({ order: 10 })
    class CurrenciesSeeder implements Seeder {
      readonly name = 'fixture: currencies';
      async run(manager: EntityManager): Promise<void> {
        await manager.query(`${CURRENCIES} ON CONFLICT (code) DO NOTHING`);
      }
    }

    @Module({ providers: [PricesSeeder, CurrenciesSeeder] })
    class SeedersFixtureModule {}

    @Injectable()
    @RegisterSeeder({ order: 10 })
    class HalfWaySeeder implements Seeder {
      readonly name = 'fixture: half way';
      async run(manager: EntityManager): Promise<void> {
        await manager.query("INSERT INTO seed_fixture.currencies (code, name) VALUES ('XXX', 'Half way')");
        throw new Error('the network went away');
      }
    }

    @Module({ providers: [HalfWaySeeder] })
    class FailingSeederFixtureModule {}

    const snapshot = () =>
      Promise.all([
        queryRows(migrated.url, 'SELECT * FROM seed_fixture.currencies ORDER BY code'),
        queryRows(migrated.url, 'SELECT * FROM seed_fixture.prices ORDER BY sku, currency_code'),
      ]);

    async function seedWith(module: Type<unknown>): Promise<string> {
      const cli = await startCli(migrated.url, [module]);
      try {
        await cli.command(DbSeedCommand).run();
        return cli.terminal.output;
      } finally {
        await cli.module.close();
      }
    }

    beforeAll(() =>
      runSql(
        migrated.url,
        `CREATE SCHEMA seed_fixture;
         CREATE TABLE seed_fixture.currencies (code char(3) PRIMARY KEY, name text NOT NULL);
         CREATE TABLE seed_fixture.prices (
           sku text NOT NULL,
           currency_code char(3) NOT NULL REFERENCES seed_fixture.currencies (code),
           amount numeric(19, 4) NOT NULL,
           PRIMARY KEY (sku, currency_code)
         );`,
      ),
    );

    it('runs the seeders in their declared order, and a second run changes nothing', async () => {
      const firstOutput = await seedWith(SeedersFixtureModule);
      const afterFirstRun = await snapshot();
      await seedWith(SeedersFixtureModule);
      const afterSecondRun = await snapshot();

      expect(firstOutput).toMatch(/Running 2 seeder\(s\)\n {2}fixture: currencies .*\n {2}fixture: prices /);
      expect(afterFirstRun).toEqual([
        [
          { code: 'CHF', name: 'Swiss franc' },
          { code: 'EUR', name: 'Euro' },
        ],
        [
          { sku: 'TEA', currency_code: 'CHF', amount: '4.9000' },
          { sku: 'TEA', currency_code: 'EUR', amount: '4.5000' },
        ],
      ]);
      expect(afterSecondRun).toEqual(afterFirstRun);
    });

    it('rolls back a failing seeder and names it', async () => {
      await expect(seedWith(FailingSeederFixtureModule)).rejects.toThrow(
        'Seeder "fixture: half way" failed: the network went away',
      );

      expect(
        await queryRows(migrated.url, "SELECT code FROM seed_fixture.currencies WHERE code = 'XXX'"),
      ).toEqual([]);
    });

    it('has nothing to do while no module registers a seeder', async () => {
      const cli = await startCli(migrated.url);
      try {
        await cli.command(DbSeedCommand).run();
      } finally {
        await cli.module.close();
      }

      expect(cli.terminal.output).toBe('No seeders registered: nothing to seed');
    });
  });
});
