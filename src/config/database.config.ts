import { registerAs } from '@nestjs/config';
import { IsBooleanString, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class DatabaseEnv {
  /** Set by the operator, or by the launcher when it started the embedded PostgreSQL. */
  @IsString()
  DATABASE_URL: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  /** `false` for deployments that migrate as a separate step (`npm run db:migrate`). */
  @IsOptional()
  @IsBooleanString()
  DB_MIGRATE_ON_START?: string;

  @IsOptional()
  @IsBooleanString()
  DB_LOG_QUERIES?: string;
}

export const databaseConfig = registerAs('database', () => {
  const env = validateEnv(DatabaseEnv);
  return {
    url: env.DATABASE_URL,
    poolSize: env.DB_POOL_SIZE ?? 20,
    migrateOnStart: env.DB_MIGRATE_ON_START !== 'false',
    logQueries: env.DB_LOG_QUERIES === 'true',
  };
});

export type DatabaseConfig = ReturnType<typeof databaseConfig>;
