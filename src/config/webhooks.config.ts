import { registerAs } from '@nestjs/config';
import { IsBooleanString, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class WebhooksEnv {
  /** Lets endpoints point at 127.0.0.0/8 and ::1 (local development, tests). Other private ranges stay refused. */
  @IsOptional()
  @IsBooleanString()
  WEBHOOK_ALLOW_LOOPBACK?: string;

  /**
   * The delay before each attempt of a delivery, comma-separated; their number is the number of
   * attempts. Each is a number with a unit `ms`, `s`, `m` or `h` (`0` needs none). SPEC default below.
   */
  @IsOptional()
  @IsString()
  WEBHOOK_RETRY_SCHEDULE?: string;

  /** How long a receiver has to answer (SPEC: 10 s). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  /**
   * How long a claimed delivery stays reserved for its dispatcher. A dispatcher killed mid-flight
   * leaves its deliveries claimed; they are attempted again once the lease has passed. Must exceed the
   * timeout.
   */
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  WEBHOOK_LEASE_MS?: number;

  /** How often each instance looks for due deliveries and unpublished events (SPEC: 10 s). */
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(600_000)
  WEBHOOK_POLL_INTERVAL_MS?: number;
}

export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '0,1m,5m,30m,2h,6h,12h,24h';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `"0,1m,5m"` -> `[0, 60000, 300000]`; throws naming the variable on anything else. */
export function parseRetrySchedule(text: string): number[] {
  const delays = text.split(',').map((entry) => {
    const match = /^(\d+)(ms|s|m|h)?$/.exec(entry.trim());
    if (!match || (match[2] === undefined && match[1] !== '0')) {
      throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${entry.trim()}" must be 0 or a number with ms, s, m or h`);
    }
    return Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
  });
  if (delays.length > 50) throw new Error('WEBHOOK_RETRY_SCHEDULE: at most 50 attempts');
  return delays;
}

export const webhooksConfig = registerAs('webhooks', () => {
  const env = validateEnv(WebhooksEnv);
  const timeoutMs = env.WEBHOOK_TIMEOUT_MS ?? 10_000;
  const leaseMs = env.WEBHOOK_LEASE_MS ?? 60_000;
  if (leaseMs <= timeoutMs)
    throw new Error('Invalid configuration: WEBHOOK_LEASE_MS must exceed WEBHOOK_TIMEOUT_MS');
  return {
    allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === 'true',
    /** Plain http only outside production. */
    httpsOnly: process.env.NODE_ENV === 'production',
    retryScheduleMs: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE),
    timeoutMs,
    leaseMs,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS ?? 10_000,
  };
});

export type WebhooksConfig = ReturnType<typeof webhooksConfig>;
