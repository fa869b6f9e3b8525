import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const idsByRequest = new WeakMap<IncomingMessage, string>();

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The one request id of a raw HTTP request. Fastify (request.id), the logger and the request context
 * all ask here, in whatever order they run, and get the same answer.
 *
 * The caller's x-request-id is kept when it is a reasonable token (so traces can be followed across
 * services); anything else is replaced, so a client cannot inject arbitrary text into the logs.
 */
export function requestIdOf(raw: IncomingMessage): string {
  let id = idsByRequest.get(raw);
  if (!id) {
    const incoming = raw.headers[REQUEST_ID_HEADER];
    const value = Array.isArray(incoming) ? incoming[0] : incoming;
    id = value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
    idsByRequest.set(raw, id);
  }
  return id;
}
