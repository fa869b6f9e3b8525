import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitGuard, RedisThrottlerStorage } from '@libs/core';
import type { AppConfig } from '../config';

const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** Where counters live: Redis when REDIS_URL is set (shared by all instances), else in process. */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const { redisUrl, redisKeyPrefix } = config.getOrThrow<AppConfig>('app');
        return redisUrl ? new RedisThrottlerStorage(redisUrl, redisKeyPrefix) : null;
      },
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule {}

/** The global default rate limit (per client IP), answered with RateLimit-* headers and 429. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [ConfigService, RATE_LIMIT_STORAGE],
      useFactory: (config: ConfigService, storage: ThrottlerStorage | null) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.getOrThrow<AppConfig>('app').rateLimitPerMinute },
        ],
        storage: storage ?? undefined,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
