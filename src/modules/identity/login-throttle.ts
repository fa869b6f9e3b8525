import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthEventsRepository } from './auth-events.repository';
import type { IdentityConfig } from './identity.config';
import { tooManyAttempts } from './identity.errors';
import { LoginAttemptsRepository } from './login-attempts.repository';

/**
 * Brute-force protection (SPEC §2): `max` failures within the window per e-mail or per IP lock both
 * out for the window length. Checked before any password hashing, and answered the same whether the
 * e-mail exists or not (the counters are keyed by the address as typed, normalised).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(LoginAttemptsRepository) private readonly attempts: LoginAttemptsRepository,
    @Inject(AuthEventsRepository) private readonly events: AuthEventsRepository,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  private get settings(): IdentityConfig {
    return this.config.getOrThrow<IdentityConfig>('identity');
  }

  static keys(email: string, ip: string | undefined): string[] {
    return ip ? [`email:${email}`, `ip:${ip}`] : [`email:${email}`];
  }

  /** Throws 429 `too_many_attempts` with Retry-After while the e-mail or the IP is locked. */
  async assertAllowed(email: string, ip: string | undefined): Promise<void> {
    const until = await this.attempts.lockedUntil(LoginThrottle.keys(email, ip));
    if (until) throw tooManyAttempts(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)));
  }

  /** Counts a failure on both keys; the failure that reaches the limit records a `lockout` event. */
  async recordFailure(email: string, ip: string | undefined, userId: string | null): Promise<void> {
    const { loginMaxFailures, loginLockoutMs } = this.settings;
    for (const key of LoginThrottle.keys(email, ip)) {
      const result = await this.attempts.recordFailure(key, loginMaxFailures, loginLockoutMs);
      if (result.lockedUntil) await this.events.record('lockout', { userId, email });
    }
  }

  /** A successful login resets the e-mail's counter (the IP's keeps counting). */
  async recordSuccess(email: string): Promise<void> {
    await this.attempts.reset(`email:${email}`);
  }
}
