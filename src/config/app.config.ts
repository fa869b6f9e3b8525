import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class AppEnv {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Comma-separated origins allowed by CORS; empty = no cross-origin browser access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES?: number;

  /** Requests per minute per client before 429. */
  @IsOptional()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /**
   * Which proxies may set X-Forwarded-For: `true` (all: only behind a proxy that overwrites it) or
   * comma-separated addresses/CIDRs (e.g. `10.0.0.0/8,127.0.0.1`). Unset: none.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Shared rate-limit counters across instances (optional). */
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  REDIS_KEY_PREFIX?: string;

  /** Where embedded PostgreSQL and generated development secrets live. */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;
}

function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((entry) => entry.trim());
}

export const appConfig = registerAs('app', () => {
  const env = validateEnv(AppEnv);
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    env: nodeEnv,
    isProduction: nodeEnv === 'production',
    port: env.PORT ?? 3000,
    host: env.HOST ?? '0.0.0.0',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: env.BODY_LIMIT_BYTES ?? 1024 * 1024,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? 600,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    dataDir: env.DATA_DIR ?? '.data',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'cornerstone:',
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
