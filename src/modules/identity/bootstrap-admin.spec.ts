import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { BootstrapAdmin } from './bootstrap-admin';
import { createPlatformAdmin } from './platform-admin';

jest.mock('./platform-admin', () => ({ createPlatformAdmin: jest.fn() }));
const create = createPlatformAdmin as jest.MockedFunction<typeof createPlatformAdmin>;

describe('BootstrapAdmin', () => {
  const savedEnv = process.env.NODE_ENV;
  let usersExist: boolean;
  const dataSource = { getRepository: () => ({ exists: () => Promise.resolve(usersExist) }), manager: {} };
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

  const written = () => write.mock.calls.map(([text]) => String(text)).join('');

  function bootstrap(
    env: string,
    identity: { bootstrapAdminEmail?: string; bootstrapAdminPassword?: string },
  ) {
    process.env.NODE_ENV = env;
    const config = { getOrThrow: () => identity };
    return new BootstrapAdmin(dataSource as unknown as DataSource, config as unknown as ConfigService);
  }

  beforeEach(() => {
    usersExist = false;
    create.mockReset();
    write.mockClear();
  });
  afterAll(() => {
    process.env.NODE_ENV = savedEnv;
    write.mockRestore();
  });

  it('does nothing once any user exists', async () => {
    usersExist = true;
    await bootstrap('production', {
      bootstrapAdminEmail: 'a@example.com',
      bootstrapAdminPassword: 'x'.repeat(12),
    }).onApplicationBootstrap();
    expect(create).not.toHaveBeenCalled();
  });

  it('creates the administrator from BOOTSTRAP_ADMIN_* and prints no password', async () => {
    create.mockResolvedValue({ userId: 'u1', email: 'a@example.com' });
    await bootstrap('production', {
      bootstrapAdminEmail: 'a@example.com',
      bootstrapAdminPassword: 'given-password-1',
    }).onApplicationBootstrap();
    expect(create).toHaveBeenCalledWith(
      {},
      { email: 'a@example.com', password: 'given-password-1', onlyIfNoUser: true },
    );
    expect(written()).not.toContain('given-password-1');
  });

  it('in development without a password generates one and prints it once', async () => {
    create.mockResolvedValue({
      userId: 'u1',
      email: 'a@example.com',
      generatedPassword: 'generated-secret-value',
    });
    await bootstrap('development', { bootstrapAdminEmail: 'a@example.com' }).onApplicationBootstrap();
    expect(create).toHaveBeenCalledWith(
      {},
      { email: 'a@example.com', password: undefined, onlyIfNoUser: true },
    );
    expect(write.mock.calls.filter(([text]) => String(text).includes('generated-secret-value'))).toHaveLength(
      1,
    );
  });

  it.each(['production', 'test'])(
    'in %s without the variables creates nobody (no default password)',
    async (env) => {
      await bootstrap(env, {}).onApplicationBootstrap();
      await bootstrap(env, { bootstrapAdminEmail: 'a@example.com' }).onApplicationBootstrap();
      expect(create).not.toHaveBeenCalled();
    },
  );
});
