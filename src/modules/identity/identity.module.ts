import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { SecretsConfig } from '../../config';
import { MailModule } from '../mail';
import { AccessTokens, ACCESS_TOKEN_TTL_SECONDS } from './access-tokens';
import { AccountService } from './account.service';
import { AuthEventsRepository } from './auth-events.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BootstrapAdmin } from './bootstrap-admin';
import { IdentityAuthenticator } from './identity-authenticator';
import { identityConfig } from './identity.config';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottle } from './login-throttle';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { UserDirectory } from './user-directory';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersAdminController } from './users-admin.controller';
import { UsersAdminService } from './users-admin.service';
import { UsersRepository } from './users.repository';

/**
 * Identity & auth (SPEC §2, schema `identity`). Needs `MembershipDirectory` from the companies module
 * (provided globally there); mail goes through the global MailModule.
 */
@Module({
  imports: [
    MailModule,
    ConfigModule.forFeature(identityConfig),
    JwtModule.registerAsync({
      inject: [ConfigService],
      // The HS256 key is built ONCE as a KeyObject: jsonwebtoken would otherwise rebuild it per call.
      useFactory: (config: ConfigService) => ({
        secret: createSecretKey(Buffer.from(config.getOrThrow<SecretsConfig>('secrets').jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersAdminController],
  providers: [
    UsersRepository,
    SessionsRepository,
    UserTokensRepository,
    AuthEventsRepository,
    LoginAttemptsRepository,
    AccessTokens,
    LoginThrottle,
    SessionService,
    AuthService,
    AccountService,
    IdentityAuthenticator,
    UserDirectory,
    BootstrapAdmin,
    UsersAdminService,
  ],
  exports: [IdentityAuthenticator, SessionService, UserDirectory],
})
export class IdentityModule {}
