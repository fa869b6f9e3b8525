import { nextAttemptDelayMs } from './delivery-policy';

describe('webhook retry schedule', () => {
  const spec = [0, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

  it('waits the scheduled delay before each attempt, within ±10 %', () => {
    expect(nextAttemptDelayMs(spec, 1, () => 0.5)).toBe(60_000);
    expect(nextAttemptDelayMs(spec, 1, () => 0)).toBe(54_000);
    expect(nextAttemptDelayMs(spec, 1, () => 1)).toBe(66_000);
    expect(nextAttemptDelayMs(spec, 7, () => 0)).toBe(77_760_000);
    for (let i = 0; i < 100; i += 1) {
      const delay = nextAttemptDelayMs(spec, 3)!;
      expect(delay).toBeGreaterThanOrEqual(1_620_000);
      expect(delay).toBeLessThanOrEqual(1_980_000);
    }
  });

  it('gives up after the last scheduled attempt (8 by default)', () => {
    expect(nextAttemptDelayMs(spec, 8)).toBeNull();
    expect(nextAttemptDelayMs([0], 1)).toBeNull();
  });
});
