import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PinnedAddress } from './url-guard';

/** SPEC §11.2: the attempt log keeps the first 4 KB of the receiver's answer. */
export const RESPONSE_BODY_LIMIT = 4096;

export interface WebhookPost {
  url: URL;
  /** The checked address to connect to, whatever the host name resolves to now. */
  pinned: PinnedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookAnswer {
  /** The receiver's status; null when none arrived in time (or the connection failed). */
  statusCode: number | null;
  /** The first 4 KB of the answer's body. */
  responseBody: string | null;
  /** Why the attempt failed (null on 2xx). */
  error: string | null;
  durationMs: number;
}

/** Connects to the pinned address while the URL's host name stays the TLS server name and Host. */
function pinnedLookup({ address, family }: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** PostgreSQL text cannot hold NUL; answers and error messages are stored as text. */
const storable = (text: string): string => text.replace(/\0/g, '');

/**
 * POSTs one webhook and reports what happened; never throws. Success is a 2xx status within the
 * timeout; a redirect is a failure (never followed: it could lead anywhere). Each attempt opens its
 * own connection (no agent), so nothing pooled can lead elsewhere than the pinned address.
 */
export function postWebhook(post: WebhookPost): Promise<WebhookAnswer> {
  const started = performance.now();
  const request = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let response: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const statusCode = response?.statusCode ?? null;
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
      const failure =
        error ??
        (ok
          ? null
          : statusCode !== null && statusCode >= 300 && statusCode < 400
            ? `HTTP ${statusCode}: redirects are not followed`
            : `HTTP ${statusCode}`);
      resolve({
        statusCode,
        responseBody: response ? storable(Buffer.concat(chunks).toString('utf8')) : null,
        error: failure === null ? null : storable(failure),
        durationMs: Math.round(performance.now() - started),
      });
      outgoing.destroy();
    };

    const outgoing = request(
      {
        protocol: post.url.protocol,
        hostname: post.url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: post.url.port || undefined,
        path: `${post.url.pathname}${post.url.search}`,
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: pinnedLookup(post.pinned),
        agent: false,
      },
      (incoming) => {
        response = incoming;
        incoming.on('data', (chunk: Buffer) => {
          if (received < RESPONSE_BODY_LIMIT) chunks.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - received));
          received += chunk.length;
          // The status is what counts; the rest of a long body is not worth waiting for.
          if (received >= RESPONSE_BODY_LIMIT) finish(null);
        });
        incoming.on('end', () => finish(null));
        incoming.on('error', () => finish(null));
      },
    );
    // An answer whose status arrived in time counts even if its body is slow.
    const timer = setTimeout(
      () => finish(response ? null : `No answer within ${post.timeoutMs} ms`),
      post.timeoutMs,
    );
    outgoing.on('error', (error) => finish(response ? null : `Request failed: ${error.message}`));
    outgoing.end(post.body);
  });
}
