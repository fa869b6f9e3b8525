import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

/** How often expired windows are swept (they are also replaced lazily when their key comes back). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-process rate-limit counters with O(1) work per request: one fixed window per key, the same
 * semantics as RedisThrottlerStorage. (The throttler's default storage keeps a timer per hit, which
 * costs a timer and a growing list per request for a busy client and dominated the CPU profile.)
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    window.hits++;
    if (window.blockedUntil <= now && window.hits > limit && blockDuration > 0) {
      window.blockedUntil = now + blockDuration;
    }
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: Math.max(Math.ceil((window.endsAt - now) / 1000), 0),
      isBlocked: window.blockedUntil > now,
      timeToBlockExpire: Math.max(Math.ceil((window.blockedUntil - now) / 1000), 0),
    });
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}
