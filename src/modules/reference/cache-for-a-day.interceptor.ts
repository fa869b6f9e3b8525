import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';

/**
 * Lets browsers and CDNs keep a successful answer for a day: reference data only changes with a
 * release. The header is set once the handler has succeeded. `@Header()` would not do: Nest applies it
 * before pipes and handler run, so a 400 or a 500 during an outage would be cached too.
 */
@Injectable()
export class CacheForADayInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(tap(() => void reply.header('Cache-Control', 'public, max-age=86400')));
  }
}
