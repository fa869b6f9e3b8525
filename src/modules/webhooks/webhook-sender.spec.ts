import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, RESPONSE_BODY_LIMIT } from './webhook-sender';

describe('postWebhook', () => {
  let server: Server;
  let port: number;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: Array<{ host?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body: Buffer.concat(chunks).toString() });
        handle(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // The host name does not exist: only the pinned address can make the connection succeed.
  const post = (timeoutMs = 2000) =>
    postWebhook({
      url: new URL(`http://hooks.cornerstone.invalid:${port}/in?x=1`),
      pinned: { address: '127.0.0.1', family: 4 },
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
      timeoutMs,
    });

  it('connects to the pinned address, keeping the URL host as Host, and reports a 2xx as success', async () => {
    handle = (_req, res) => res.writeHead(202).end('accepted');
    const answer = await post();
    expect(answer).toMatchObject({ statusCode: 202, responseBody: 'accepted', error: null });
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toEqual({ host: `hooks.cornerstone.invalid:${port}`, body: '{"hello":"world"}' });
  });

  it('keeps only the first 4 KB of an answer', async () => {
    handle = (_req, res) => res.writeHead(500).end('x'.repeat(RESPONSE_BODY_LIMIT * 3));
    const answer = await post();
    expect(answer.statusCode).toBe(500);
    expect(answer.error).toBe('HTTP 500');
    expect(answer.responseBody).toHaveLength(RESPONSE_BODY_LIMIT);
  });

  it('fails a redirect without following it', async () => {
    handle = (_req, res) => res.writeHead(307, { location: 'http://169.254.169.254/' }).end();
    const answer = await post();
    expect(answer).toMatchObject({ statusCode: 307, error: 'HTTP 307: redirects are not followed' });
  });

  it('gives up when no answer comes within the timeout', async () => {
    handle = () => undefined;
    const answer = await post(200);
    expect(answer).toMatchObject({ statusCode: null, responseBody: null, error: 'No answer within 200 ms' });
    expect(answer.durationMs).toBeLessThan(2000);
  });

  it('reports a refused connection as a failed attempt, never throwing', async () => {
    const answer = await postWebhook({
      url: new URL('http://hooks.cornerstone.invalid:1/'),
      pinned: { address: '127.0.0.1', family: 4 },
      headers: {},
      body: '{}',
      timeoutMs: 2000,
    });
    expect(answer).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/^Request failed: .*ECONNREFUSED/),
    });
  });
});
