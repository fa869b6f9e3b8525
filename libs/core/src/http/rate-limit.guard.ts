import { type ExecutionContext, Injectable, type OnModuleInit } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The throttler with the IETF `RateLimit-*` header names instead of the legacy `X-RateLimit-*`. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard implements OnModuleInit {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.headerPrefix = 'RateLimit';
  }

  /**
   * One counter per throttler, route and client, as the default, but as a readable key: the default
   * hashes it with SHA-256 on every request, which costs CPU and buys nothing (keys never leave the
   * counter storage).
   */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }
}
