import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@libs/testing';
import { PROVIDE_DATABASE, type ProvideDatabase } from '../../src/cli/cli-database';
import { CliError } from '../../src/cli/cli-error';
import { CliModule } from '../../src/cli/cli.module';
import { AdminCreateCommand } from '../../src/cli/commands/admin-create.command';
import { Terminal } from '../../src/cli/terminal';

class RecordingTerminal extends Terminal {
  readonly printed: string[] = [];
  override print(text: string): void {
    this.printed.push(text);
  }
  override note(): void {}
}

/** `npm run cli -- admin:create`, in process on a private migrated database. */
describe('CLI admin:create', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  async function run(options: {
    email?: string;
    password?: string;
  }): Promise<{ printed: string[]; error?: unknown }> {
    const terminal = new RecordingTerminal();
    const provide: ProvideDatabase = () =>
      Promise.resolve({ url: database.url, description: 'the test database', stop: () => Promise.resolve() });
    const module: TestingModule = await Test.createTestingModule({ imports: [CliModule] })
      .overrideProvider(PROVIDE_DATABASE)
      .useValue(provide)
      .overrideProvider(Terminal)
      .useValue(terminal)
      .compile();
    try {
      await module.get(AdminCreateCommand).run([], options);
      return { printed: terminal.printed };
    } catch (error) {
      return { printed: terminal.printed, error };
    } finally {
      await module.close();
    }
  }

  async function users(): Promise<Array<Record<string, unknown>>> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (
        await client.query(
          `SELECT email, status, is_platform_admin, email_verified_at IS NOT NULL AS verified, password_hash FROM identity.users ORDER BY email`,
        )
      ).rows;
    } finally {
      await client.end();
    }
  }

  it('creates an active, verified platform administrator with a generated password printed once', async () => {
    const { printed, error } = await run({ email: 'Ops@Example.com' });
    expect(error).toBeUndefined();
    const output = printed.join('\n');
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [user] = await users();
    expect(user).toMatchObject({
      email: 'ops@example.com',
      status: 'active',
      is_platform_admin: true,
      verified: true,
    });
    expect(user.password_hash).toMatch(/^\$2b\$12\$/);
  });

  it('uses a given password without printing it, and refuses a weak one, a taken e-mail and a missing --email', async () => {
    const given = await run({ email: 'second@example.com', password: 'given-admin-password' });
    expect(given.error).toBeUndefined();
    expect(given.printed.join('\n')).not.toContain('given-admin-password');

    for (const options of [
      { email: 'weak@example.com', password: 'short' },
      { email: 'OPS@example.com', password: 'long enough password' },
      {},
    ]) {
      const { error } = await run(options);
      expect(error).toBeInstanceOf(CliError);
    }
    expect((await users()).map((u) => u.email)).toEqual(['ops@example.com', 'second@example.com']);
  });
});
