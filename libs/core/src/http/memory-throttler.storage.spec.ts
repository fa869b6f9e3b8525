import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let storage: MemoryThrottlerStorage;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    storage = new MemoryThrottlerStorage();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('counts hits per key in a fixed window and reports the seconds left', async () => {
    await storage.increment('ip-a', 60_000, 3, 0, 'default');
    jest.advanceTimersByTime(10_500);
    const second = await storage.increment('ip-a', 60_000, 3, 0, 'default');
    expect(second).toEqual({ totalHits: 2, timeToExpire: 50, isBlocked: false, timeToBlockExpire: 0 });
    expect((await storage.increment('ip-b', 60_000, 3, 0, 'default')).totalHits).toBe(1);
    expect((await storage.increment('ip-a', 60_000, 3, 0, 'other')).totalHits).toBe(1);
  });

  it('blocks past the limit for the block duration, then starts a fresh window', async () => {
    for (let i = 0; i < 3; i++) await storage.increment('ip', 60_000, 3, 60_000, 'default');
    const over = await storage.increment('ip', 60_000, 3, 60_000, 'default');
    expect(over).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });

    jest.advanceTimersByTime(59_000);
    expect((await storage.increment('ip', 60_000, 3, 60_000, 'default')).isBlocked).toBe(true);

    jest.advanceTimersByTime(1_000);
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'default')).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });
});
