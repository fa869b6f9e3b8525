import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { MemoryThrottlerStorage, RateLimitGuard, RedisThrottlerStorage } from '@libs/core';
import type { AppConfig } from '../config';

const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** Where counters live: Redis when REDIS_URL is set (shared by all instances), else in this process. */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const { redisUrl, redisKeyPrefix } = config.getOrThrow<AppConfig>('app');
        return redisUrl ? new RedisThrottlerStorage(redisUrl, redisKeyPrefix) : new MemoryThrottlerStorage();
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
      useFactory: (config: ConfigService, storage: ThrottlerStorage) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.getOrThrow<AppConfig>('app').rateLimitPerMinute },
        ],
        storage,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
