import type { ConfigService } from '@nestjs/config';
import { AppError } from '@libs/core';
import type { AuthEventsRepository } from './auth-events.repository';
import type { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const attempts = {
    lockedUntil: jest.fn(),
    recordFailure: jest.fn(),
    reset: jest.fn(),
  };
  const events = { record: jest.fn() };
  const config = {
    getOrThrow: () => ({ loginMaxFailures: 5, loginLockoutMs: 15 * 60_000 }),
  };
  const throttle = new LoginThrottle(
    attempts as unknown as LoginAttemptsRepository,
    events as unknown as AuthEventsRepository,
    config as unknown as ConfigService,
  );

  beforeEach(() => jest.resetAllMocks());

  it('checks the e-mail and the IP keys, and answers 429 with the seconds left', async () => {
    attempts.lockedUntil.mockResolvedValue(new Date(Date.now() + 600_500));
    const error = await throttle.assertAllowed('a@example.com', '10.0.0.1').catch((e: unknown) => e);
    expect(attempts.lockedUntil).toHaveBeenCalledWith(['email:a@example.com', 'ip:10.0.0.1']);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
      headers: { 'Retry-After': '601' },
    });
  });

  it('lets an attempt through when nothing is locked', async () => {
    attempts.lockedUntil.mockResolvedValue(null);
    await expect(throttle.assertAllowed('a@example.com', undefined)).resolves.toBeUndefined();
    expect(attempts.lockedUntil).toHaveBeenCalledWith(['email:a@example.com']);
  });

  it('counts a failure on both keys with 5 per 15 minutes and records a lockout when one locks', async () => {
    attempts.recordFailure
      .mockResolvedValueOnce({ failures: 5, lockedUntil: new Date() })
      .mockResolvedValueOnce({ failures: 2, lockedUntil: null });
    await throttle.recordFailure('a@example.com', '10.0.0.1', 'u1');
    expect(attempts.recordFailure).toHaveBeenNthCalledWith(1, 'email:a@example.com', 5, 900_000);
    expect(attempts.recordFailure).toHaveBeenNthCalledWith(2, 'ip:10.0.0.1', 5, 900_000);
    expect(events.record).toHaveBeenCalledTimes(1);
    expect(events.record).toHaveBeenCalledWith('lockout', { userId: 'u1', email: 'a@example.com' });
  });

  it('resets only the e-mail counter on success', async () => {
    await throttle.recordSuccess('a@example.com');
    expect(attempts.reset).toHaveBeenCalledWith('email:a@example.com');
    expect(attempts.reset).toHaveBeenCalledTimes(1);
  });
});
