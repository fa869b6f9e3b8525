import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { User } from './entities/user.entity';
import type { IdentityConfig } from './identity.config';
import { createPlatformAdmin } from './platform-admin';

/**
 * First start: with no user at all, creates the platform administrator from BOOTSTRAP_ADMIN_EMAIL /
 * BOOTSTRAP_ADMIN_PASSWORD; in development without them, generates a strong password and prints it
 * once to stdout; in production without them, warns and creates nobody. No fixed default exists.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.dataSource.getRepository(User).exists({ withDeleted: true })) return;
    const { bootstrapAdminEmail: email, bootstrapAdminPassword: password } =
      this.config.getOrThrow<IdentityConfig>('identity');
    const env = process.env.NODE_ENV ?? 'development';
    if (!email) {
      if (env === 'production')
        this.logger.warn('No user exists and BOOTSTRAP_ADMIN_EMAIL is not set: no administrator was created');
      if (env !== 'development') return;
    }
    if (!password && env !== 'development') {
      this.logger.warn('BOOTSTRAP_ADMIN_PASSWORD is not set: no administrator was created');
      return;
    }
    const created = await createPlatformAdmin(this.dataSource.manager, {
      email: email ?? 'admin@localhost.localdomain',
      password: password || undefined,
      onlyIfNoUser: true,
    });
    if (!created) return;
    this.logger.log({ userId: created.userId }, 'Platform administrator created');
    if (created.generatedPassword) {
      // Printed once, to stdout only (never to the structured log): it is not stored anywhere else.
      process.stdout.write(
        `\nPlatform administrator created: ${created.email}\n  password: ${created.generatedPassword}\n  (shown once; change it after signing in)\n\n`,
      );
    }
  }
}
