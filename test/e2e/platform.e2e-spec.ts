import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';
import { WidgetsTestModule } from '../support/widgets-test.module';

const PROBLEM = /^application\/problem\+json/;
const widget = (name = 'gear') => ({ name, parts: [{ name: 'axle', quantity: 2 }] });

describe('platform (HTTP conventions shared by every module)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [WidgetsTestModule] });
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('answers liveness and readiness with the database up', async () => {
      await t.http.get('/health/live').expect(200);
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.info.database.status).toBe('up');
    });
  });

  describe('API documentation', () => {
    it('serves Swagger UI at /docs', async () => {
      const res = await t.http.get('/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('swagger-ui');
    });

    it('serves an OpenAPI 3 document with bearer auth, tags, unique operationIds and problem responses', async () => {
      const { body: doc } = await t.http.get('/docs-json').expect(200);
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('Cornerstone API');
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.tags.map((tag: { name: string }) => tag.name)).toEqual(expect.arrayContaining(['health']));
      const operations = Object.values(doc.paths).flatMap((item) => Object.values(item as object));
      const ids = operations.map((op: { operationId: string }) => op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const op of operations) {
        expect(op.responses['4XX'].content['application/problem+json']).toBeDefined();
      }
      expect(doc.paths['/health/ready'].get.security).toEqual([]);
    });
  });

  describe('request id', () => {
    it('echoes a well-formed x-request-id on the response and in problem details', async () => {
      const res = await t.http.get('/api/v1/nowhere').set('x-request-id', 'trace-abc.123').expect(404);
      expect(res.headers['x-request-id']).toBe('trace-abc.123');
      expect(res.body.traceId).toBe('trace-abc.123');
    });

    it('generates one when absent, and replaces one that is not a safe token', async () => {
      const generated = await t.http.get('/health/live');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const replaced = await t.http.get('/health/live').set('x-request-id', 'evil value <script>');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('request context', () => {
    it('records the client address and user agent, ignoring X-Forwarded-For when no proxy is trusted', async () => {
      const res = await t.http
        .get('/api/v1/test-only/widgets/whoami')
        .set('x-forwarded-for', '203.0.113.9')
        .set('user-agent', 'cornerstone-test/1.0')
        .set('x-request-id', 'ctx-1')
        .expect(200);
      expect(res.body).toEqual({
        ip: expect.stringMatching(/127\.0\.0\.1$/),
        userAgent: 'cornerstone-test/1.0',
        requestId: 'ctx-1',
      });
    });
  });

  describe('problem details', () => {
    it('answers an unknown route with 404 problem+json', async () => {
      const res = await t.http.get('/api/v1/no-such-thing').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        type: 'urn:cornerstone:problem:route_not_found',
        title: 'Not Found',
        status: 404,
        code: 'route_not_found',
        instance: '/api/v1/no-such-thing',
      });
    });

    it('names every failing field, nested array items included', async () => {
      const res = await t.http
        .post('/api/v1/test-only/widgets')
        .send({
          name: '',
          parts: [
            { name: 'a', quantity: 1 },
            { name: 'b', quantity: 99 },
          ],
          colour: 'red',
        })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('validation_failed');
      const paths = res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(paths).toEqual(
        expect.arrayContaining(['name:is_length', 'parts[1].quantity:max', 'colour:unknown_field']),
      );
    });

    it('rejects malformed JSON, a wrong content type and a body over the limit', async () => {
      const malformed = await t.http
        .post('/api/v1/test-only/widgets')
        .set('content-type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(malformed.body.code).toBe('malformed_body');

      const wrongType = await t.http
        .post('/api/v1/test-only/widgets')
        .set('content-type', 'text/plain')
        .send('hello')
        .expect(415);
      expect(wrongType.body.code).toBe('unsupported_media_type');

      const tooLarge = await t.http
        .post('/api/v1/test-only/widgets')
        .send({ name: 'x'.repeat(1024 * 1024 + 10), parts: [] })
        .expect(413);
      expect(tooLarge.headers['content-type']).toMatch(PROBLEM);
      expect(tooLarge.body.code).toBe('payload_too_large');
    });

    it('answers a malformed path id with 400 invalid_id', async () => {
      const res = await t.http.patch('/api/v1/test-only/widgets/not-a-uuid').send({ name: 'x' }).expect(400);
      expect(res.body).toMatchObject({ code: 'invalid_id', errors: [{ path: 'id', code: 'invalid_id' }] });
    });

    it('hides the internals of unexpected errors behind a generic 500 with the trace id', async () => {
      const res = await t.http.get('/api/v1/test-only/widgets/boom').expect(500);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('internal_error');
      expect(res.body.traceId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).not.toMatch(/secret|postgres:|stack/);
    });
  });

  describe('ETag and If-Match', () => {
    it('honours If-Match when sent: current version passes, a stale one is 412', async () => {
      const created = await t.http.post('/api/v1/test-only/widgets').send(widget()).expect(201);
      expect(created.headers.etag).toBe('W/"1"');
      const id = created.body.id as string;

      const renamed = await t.http
        .patch(`/api/v1/test-only/widgets/${id}`)
        .set('if-match', 'W/"1"')
        .send({ name: 'cog' })
        .expect(200);
      expect(renamed.headers.etag).toBe('W/"2"');

      const stale = await t.http
        .patch(`/api/v1/test-only/widgets/${id}`)
        .set('if-match', 'W/"1"')
        .send({ name: 'sprocket' })
        .expect(412);
      expect(stale.body).toMatchObject({ code: 'precondition_failed', currentEtag: 'W/"2"' });

      await t.http.patch(`/api/v1/test-only/widgets/${id}`).send({ name: 'no-precondition' }).expect(200);
    });

    it('requires If-Match where a route demands it (428)', async () => {
      const created = await t.http.post('/api/v1/test-only/widgets').send(widget()).expect(201);
      const res = await t.http.post(`/api/v1/test-only/widgets/${created.body.id}/archive`).expect(428);
      expect(res.body.code).toBe('precondition_required');
      await t.http
        .post(`/api/v1/test-only/widgets/${created.body.id}/archive`)
        .set('if-match', 'W/"1"')
        .expect(200);
    });
  });

  describe('Idempotency-Key', () => {
    const countCreated = async () =>
      (await t.http.get('/api/v1/test-only/widgets/count')).body.created as number;

    it('replays the stored answer for a retry with the same key and body', async () => {
      const before = await countCreated();
      const first = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-replay')
        .send(widget())
        .expect(201);
      const retry = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-replay')
        .send(widget())
        .expect(201);
      expect(retry.headers['idempotency-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(await countCreated()).toBe(before + 1);
    });

    it('treats the same body with keys in another order as the same request', async () => {
      await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-order')
        .send({ name: 'a', parts: [] })
        .expect(201);
      const retry = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-order')
        .send({ parts: [], name: 'a' })
        .expect(201);
      expect(retry.headers['idempotency-replayed']).toBe('true');
    });

    it('refuses the same key with another body (422)', async () => {
      await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-reuse')
        .send(widget('one'))
        .expect(201);
      const res = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-reuse')
        .send(widget('two'))
        .expect(422);
      expect(res.body.code).toBe('idempotency_key_reused');
    });

    it('runs concurrent requests with one key exactly once; the others get 409 while it runs', async () => {
      const before = await countCreated();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.http.post('/api/v1/test-only/widgets').set('idempotency-key', 'k-parallel').send(widget('slow')),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      for (const busy of answers.filter((a) => a.status !== 201)) {
        expect(busy.status).toBe(409);
        expect(busy.body.code).toBe('idempotency_in_progress');
        expect(busy.headers['retry-after']).toBe('1');
      }
      expect(await countCreated()).toBe(before + 1);
      const after = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-parallel')
        .send(widget('slow'))
        .expect(201);
      expect(after.headers['idempotency-replayed']).toBe('true');
      expect(after.body).toEqual(answers.find((a) => a.status === 201)!.body);
    });

    it('releases the key of a failed request so a corrected retry runs', async () => {
      await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-fail')
        .send({ name: '' })
        .expect(400);
      const ok = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'k-fail')
        .send(widget())
        .expect(201);
      expect(ok.headers['idempotency-replayed']).toBeUndefined();
    });

    it('rejects a malformed key', async () => {
      const res = await t.http
        .post('/api/v1/test-only/widgets')
        .set('idempotency-key', 'x'.repeat(256))
        .send(widget())
        .expect(400);
      expect(res.body.code).toBe('idempotency_key_invalid');
    });
  });

  describe('schema', () => {
    it('has no drift between the entities and the migrations', async () => {
      const pending = await t.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });
  });
});

describe('platform behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' },
      extraModules: [WidgetsTestModule],
    });
  });
  afterAll(() => t.close());

  it('takes the client address from X-Forwarded-For set by the trusted proxy', async () => {
    const res = await t.http
      .get('/api/v1/test-only/widgets/whoami')
      .set('x-forwarded-for', '203.0.113.9')
      .expect(200);
    expect(res.body.ip).toBe('203.0.113.9');
  });
});

describe('platform under a low rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' }, extraModules: [WidgetsTestModule] });
  });
  afterAll(() => t.close());

  it('sends RateLimit-* headers and answers 429 problem+json with Retry-After past the limit', async () => {
    const ok = await t.http.get('/api/v1/test-only/widgets/count').expect(200);
    expect(ok.headers['ratelimit-limit']).toBe('3');
    expect(ok.headers['ratelimit-remaining']).toBe('2');
    await t.http.get('/api/v1/test-only/widgets/count').expect(200);
    await t.http.get('/api/v1/test-only/widgets/count').expect(200);
    const limited = await t.http.get('/api/v1/test-only/widgets/count').expect(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

/** Redis is optional for the app; this suite runs where a Redis server answers (as on CI machines). */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect({
      host: new URL(redisUrl).hostname,
      port: Number(new URL(redisUrl).port || 6379),
    });
    const answer = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => answer(true)).once('error', () => answer(false));
    socket.setTimeout(500, () => answer(false));
  });

describe('platform rate limit shared through Redis', () => {
  let instances: TestApp[] = [];
  let available = false;

  beforeAll(async () => {
    available = await redisAnswers();
    if (!available) return;
    const env = {
      RATE_LIMIT_PER_MINUTE: '3',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
    };
    instances = [
      await startTestApp({ env, extraModules: [WidgetsTestModule] }),
      await startTestApp({ env, extraModules: [WidgetsTestModule] }),
    ];
  });
  afterAll(() => Promise.all(instances.map((i) => i.close())));

  it('counts requests of all instances together', async () => {
    if (!available) {
      console.warn(`No Redis at ${redisUrl}: the shared rate-limit storage was not exercised`);
      return;
    }
    const [a, b] = instances;
    await a.http.get('/api/v1/test-only/widgets/count').expect(200);
    await b.http.get('/api/v1/test-only/widgets/count').expect(200);
    const third = await a.http.get('/api/v1/test-only/widgets/count').expect(200);
    expect(third.headers['ratelimit-remaining']).toBe('0');
    await b.http.get('/api/v1/test-only/widgets/count').expect(429);
  });
});

describe('platform with the database down', () => {
  it('answers readiness with 503 problem+json while liveness stays 200', async () => {
    const t = await startTestApp();
    try {
      await t.database.drop();
      await t.http.get('/health/live').expect(200);
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('service_unavailable');
    } finally {
      await t.app.close();
    }
  });
});
