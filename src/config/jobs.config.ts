import { registerAs } from '@nestjs/config';
import { IsBooleanString, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import type { JobsOptions } from '@libs/persistence';
import { validateEnv } from './validate-env';

class JobsEnv {
  /** `false`: this instance enqueues jobs but works none (no workers, no cron, no queue maintenance). */
  @IsOptional()
  @IsBooleanString()
  JOBS_ENABLED?: string;

  /** How often an idle worker looks for new jobs, in seconds (0.5..60). */
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(60)
  JOBS_POLL_INTERVAL_SECONDS?: number;

  /** How long shutdown waits for running jobs before failing them (they are retried later). */
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  JOBS_SHUTDOWN_TIMEOUT_MS?: number;
}

export const jobsConfig = registerAs('jobs', (): JobsOptions => {
  const env = validateEnv(JobsEnv);
  return {
    enabled: env.JOBS_ENABLED !== 'false',
    pollingIntervalSeconds: env.JOBS_POLL_INTERVAL_SECONDS ?? 2,
    shutdownTimeoutMs: env.JOBS_SHUTDOWN_TIMEOUT_MS ?? 15_000,
  };
});

export type JobsConfig = ReturnType<typeof jobsConfig>;
