/** SPEC §11.2: this many failed attempts in a row (across deliveries) disable the endpoint. */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 20;

/** After a rotation the previous secret keeps signing this long, so receivers can switch over. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** SPEC §11.2: ±10 % around each delay, so retries of many deliveries do not arrive in lockstep. */
const JITTER = 0.1;

/**
 * The wait before the next attempt once `attemptsMade` attempts have been made (the schedule lists the
 * delay before each attempt, the first being 0), or null when the schedule is exhausted (`dead`).
 */
export function nextAttemptDelayMs(
  scheduleMs: readonly number[],
  attemptsMade: number,
  random: () => number = Math.random,
): number | null {
  if (attemptsMade >= scheduleMs.length) return null;
  const delay = scheduleMs[attemptsMade];
  return Math.round(delay * (1 - JITTER + 2 * JITTER * random()));
}
