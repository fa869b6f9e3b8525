import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  /** Fixed headers, or headers per request (e.g. a bearer token taken from a pool of sessions). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** A body per request (e.g. unique names); a fixed string is sent as is. */
  body?: string | (() => string);
  /**
   * Sees every answer, in the order each connection receives them (e.g. to keep the rotated refresh
   * token for a later request). Answers still in flight when a run stops are never seen.
   */
  onResponse?: (status: number, body: string) => void;
  /** How long to wait for one answer before counting a timeout (autocannon's default is 10 s). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

/** One autocannon run against `baseUrl` (loopback only). */
export async function measure(
  baseUrl: string,
  request: LoadRequest,
  options: LoadOptions,
): Promise<LoadResult> {
  const { body, headers, onResponse } = request;
  const options_: autocannon.Options = {
    url: `${baseUrl}${request.path}`,
    method: request.method ?? 'GET',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { 'content-type': 'application/json', ...(typeof headers === 'function' ? {} : headers) },
  };
  if (request.timeoutSeconds) options_.timeout = request.timeoutSeconds;
  if (typeof body === 'string') options_.body = body;
  if (typeof body === 'function' || typeof headers === 'function' || onResponse) {
    // setupRequest runs once before every request a connection sends (the first one included).
    options_.requests = [
      {
        setupRequest: (req) => ({
          ...req,
          ...(typeof headers === 'function' ? { headers: { ...req.headers, ...headers() } } : {}),
          ...(typeof body === 'function' ? { body: body() } : {}),
        }),
        ...(onResponse ? { onResponse: (status: number, text: string) => onResponse(status, text) } : {}),
      },
    ];
  }
  const result = await autocannon(options_);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of each figure over repeated runs (errors are summed: any error matters). */
export function medianOf(runs: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}
