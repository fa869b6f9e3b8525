import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A body per request (e.g. unique names); a fixed string is sent as is. */
  body?: string | (() => string);
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
  const body = request.body;
  const options_: autocannon.Options = {
    url: `${baseUrl}${request.path}`,
    method: request.method ?? 'GET',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { 'content-type': 'application/json', ...request.headers },
  };
  if (typeof body === 'function') options_.requests = [{ setupRequest: (req) => ({ ...req, body: body() }) }];
  else if (body) options_.body = body;
  const result = await autocannon(options_);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
