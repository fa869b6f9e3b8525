import { DEFAULT_WEBHOOK_RETRY_SCHEDULE, parseRetrySchedule } from './webhooks.config';

describe('WEBHOOK_RETRY_SCHEDULE', () => {
  it('defaults to SPEC §11.2: 8 attempts at +0, 1 m, 5 m, 30 m, 2 h, 6 h, 12 h, 24 h', () => {
    const minute = 60_000;
    expect(parseRetrySchedule(DEFAULT_WEBHOOK_RETRY_SCHEDULE)).toEqual([
      0,
      minute,
      5 * minute,
      30 * minute,
      120 * minute,
      360 * minute,
      720 * minute,
      1440 * minute,
    ]);
  });

  it('reads ms, s, m and h, and refuses numbers without a unit or anything else', () => {
    expect(parseRetrySchedule('0, 250ms, 2s')).toEqual([0, 250, 2000]);
    expect(() => parseRetrySchedule('0,60')).toThrow('"60" must be 0 or a number with ms, s, m or h');
    expect(() => parseRetrySchedule('0,-1m')).toThrow(/"-1m"/);
    expect(() => parseRetrySchedule('')).toThrow();
  });
});
