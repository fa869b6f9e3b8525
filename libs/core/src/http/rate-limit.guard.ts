import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The throttler with the IETF `RateLimit-*` header names instead of the legacy `X-RateLimit-*`. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard implements OnModuleInit {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.headerPrefix = 'RateLimit';
  }
}
