import type { FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';

/** Weak ETag of a versioned aggregate: `W/"<version>"`. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** Sets `ETag` from a versioned response body and returns the body: `return withEtag(reply, dto)`. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', etagOf(body.version));
  return body;
}

/** The versions an `If-Match` header names (`*` matches any); empty when the header is absent. */
export function versionsOfIfMatch(header: string | undefined): { any: boolean; versions: number[] } {
  if (!header) return { any: false, versions: [] };
  const tags = header.split(',').map((t) => t.trim());
  return {
    any: tags.includes('*'),
    versions: tags
      .map((t) => /^(?:W\/)?"(\d+)"$/.exec(t)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number),
  };
}

/**
 * Optimistic concurrency check. `If-Match` is honoured whenever sent (stale -> 412); `required` makes it
 * mandatory (missing -> 428), as on money documents. Throws; returns nothing.
 */
export function assertIfMatch(header: string | undefined, currentVersion: number, required = false): void {
  if (!header) {
    if (required) {
      throw new AppError(
        428,
        CoreErrorCode.PreconditionRequired,
        'This change requires an If-Match header with the current ETag',
      );
    }
    return;
  }
  const { any, versions } = versionsOfIfMatch(header);
  if (!any && !versions.includes(currentVersion)) {
    throw new AppError(
      412,
      CoreErrorCode.PreconditionFailed,
      'The resource has changed since it was read; fetch it again',
      {
        extensions: { currentEtag: etagOf(currentVersion) },
      },
    );
  }
}
