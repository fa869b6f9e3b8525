import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { currentContext } from '../context/request-context';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';
import { canonicalJson } from './canonical-json';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying: the rest are recomputed per response. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on any POST (ARCHITECTURE §5): the first request runs and its 2xx answer is kept for
 * 24 h; a retry with the same key and body gets that answer again with `Idempotency-Replayed: true`;
 * another body under the same key is 422; a retry while the first is running is 409 + `Retry-After: 1`.
 * Failed requests release the key, so a corrected retry may reuse it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const rawKey = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || rawKey === undefined) return next.handle();

    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    if (!VALID_KEY.test(key)) {
      return throwError(
        () =>
          new AppError(
            400,
            CoreErrorCode.IdempotencyKeyInvalid,
            'Idempotency-Key must be 1..255 printable ASCII characters',
            {
              errors: [
                {
                  path: 'Idempotency-Key',
                  code: CoreErrorCode.IdempotencyKeyInvalid,
                  message: 'must be 1..255 printable ASCII characters',
                },
              ],
            },
          ),
      );
    }
    const reply = http.getResponse<FastifyReply>();
    const scope = scopeOfCurrentPrincipal();
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body)}`)
      .digest('hex');

    return from(this.store.claim(scope, key, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'claimed':
            return this.runAndRemember(next, reply, scope, key);
          case 'replay':
            void reply.status(claim.statusCode).headers({ ...claim.headers, 'idempotency-replayed': 'true' });
            return of(claim.body);
          case 'fingerprint_mismatch':
            throw new AppError(
              422,
              CoreErrorCode.IdempotencyKeyReused,
              'This Idempotency-Key was used for a different request',
            );
          case 'in_progress':
            throw new AppError(
              409,
              CoreErrorCode.IdempotencyInProgress,
              'A request with this Idempotency-Key is still being processed',
              {
                headers: { 'Retry-After': '1' },
              },
            );
        }
      }),
    );
  }

  private runAndRemember(
    next: CallHandler,
    reply: FastifyReply,
    scope: string,
    key: string,
  ): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.map((h) => [h, reply.getHeader(h)]).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>;
        if (reply.statusCode >= 200 && reply.statusCode < 300) {
          await this.store.complete(scope, key, reply.statusCode, body, headers);
        } else {
          await this.store.release(scope, key);
        }
        return body;
      }),
      catchError((error: unknown) =>
        from(this.store.release(scope, key).catch((e: unknown) => this.logger.error(e))).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}

function scopeOfCurrentPrincipal(): string {
  const { companyId, actor, ip } = currentContext();
  if (companyId) return `company:${companyId}`;
  if (actor?.id) return `user:${actor.id}`;
  return `ip:${ip ?? 'unknown'}`;
}
