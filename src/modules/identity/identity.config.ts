import { registerAs } from '@nestjs/config';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validateEnv } from '../../config/validate-env';

class IdentityEnv {
  /** First start with no user: the platform administrator to create. */
  @IsOptional()
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Failed logins per e-mail or IP within the window before a lockout (SPEC: 5). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES?: number;

  /** Window and lockout length in minutes (SPEC: 15). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCKOUT_MINUTES?: number;
}

export const identityConfig = registerAs('identity', () => {
  const env = validateEnv(IdentityEnv);
  return {
    bootstrapAdminEmail: env.BOOTSTRAP_ADMIN_EMAIL,
    bootstrapAdminPassword: env.BOOTSTRAP_ADMIN_PASSWORD,
    loginMaxFailures: env.LOGIN_MAX_FAILURES ?? 5,
    loginLockoutMs: (env.LOGIN_LOCKOUT_MINUTES ?? 15) * 60_000,
  };
});

export type IdentityConfig = ReturnType<typeof identityConfig>;
