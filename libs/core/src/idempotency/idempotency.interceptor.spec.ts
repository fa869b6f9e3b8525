import { type CallHandler, type ExecutionContext, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ClsServiceManager } from 'nestjs-cls';
import { firstValueFrom, type Observable, of, throwError } from 'rxjs';
import type { RequestContextStore } from '../context/request-context';
import { AppError } from '../errors/app-error';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import type { ClaimResult, IdempotencyStore } from './idempotency.store';

/** Stands in for the SQL-backed store: answers `claim` as told and records every call. */
class FakeIdempotencyStore {
  claimAnswer: ClaimResult = { kind: 'claimed' };
  releaseFails = false;
  readonly claims: { scope: string; key: string; fingerprint: string }[] = [];
  readonly completions: {
    scope: string;
    key: string;
    statusCode: number;
    body: unknown;
    headers: Record<string, string>;
  }[] = [];
  readonly releases: { scope: string; key: string }[] = [];

  get touched(): boolean {
    return this.claims.length + this.completions.length + this.releases.length > 0;
  }

  claim(scope: string, key: string, fingerprint: string): Promise<ClaimResult> {
    this.claims.push({ scope, key, fingerprint });
    return Promise.resolve(this.claimAnswer);
  }

  complete(
    scope: string,
    key: string,
    statusCode: number,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<void> {
    this.completions.push({ scope, key, statusCode, body, headers });
    return Promise.resolve();
  }

  release(scope: string, key: string): Promise<void> {
    this.releases.push({ scope, key });
    return this.releaseFails ? Promise.reject(new Error('database is down')) : Promise.resolve();
  }
}

/** The parts of a FastifyReply the interceptor uses. */
class FakeReply {
  statusCode = 200;
  readonly sentHeaders: Record<string, string> = {};

  constructor(private readonly handlerHeaders: Record<string, string> = {}) {}

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  headers(values: Record<string, string>): this {
    Object.assign(this.sentHeaders, values);
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.handlerHeaders[name];
  }
}

interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** A CallHandler that counts its calls and answers with `answer` (or sets a status first). */
class FakeHandler implements CallHandler {
  calls = 0;

  constructor(
    private readonly answer: () => Observable<unknown>,
    private readonly onHandle: () => void = () => {},
  ) {}

  handle(): Observable<unknown> {
    this.calls++;
    this.onHandle();
    return this.answer();
  }
}

function contextOf(request: FakeRequest, reply: FakeReply): ExecutionContext {
  return {
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => reply,
      getNext: () => undefined,
    }),
  } as unknown as ExecutionContext;
}

const post = (
  headers: FakeRequest['headers'],
  body: unknown = { sku: 'A', quantity: 1 },
  url = '/api/v1/orders',
) => ({ method: 'POST', url, headers, body }) satisfies FakeRequest;

const rejectionOf = async (observable: Observable<unknown>): Promise<AppError> => {
  const error: unknown = await firstValueFrom(observable).then(
    () => {
      throw new Error('expected the observable to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('IdempotencyInterceptor', () => {
  let store: FakeIdempotencyStore;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    store = new FakeIdempotencyStore();
    interceptor = new IdempotencyInterceptor(store as unknown as IdempotencyStore);
  });

  describe('requests it leaves alone', () => {
    it.each(['GET', 'PUT', 'PATCH', 'DELETE'])(
      'passes a %s straight through, even with a key',
      async (method) => {
        const handled = of({ ok: true });
        const handler = new FakeHandler(() => handled);
        const request = { method, url: '/api/v1/orders/1', headers: { 'idempotency-key': 'k1' } };

        const result = interceptor.intercept(contextOf(request, new FakeReply()), handler);

        expect(result).toBe(handled);
        expect(await firstValueFrom(result)).toEqual({ ok: true });
        expect(handler.calls).toBe(1);
        expect(store.touched).toBe(false);
      },
    );

    it('passes a POST without the header straight through', async () => {
      const handled = of({ id: 'o1' });
      const handler = new FakeHandler(() => handled);

      const result = interceptor.intercept(contextOf(post({}), new FakeReply()), handler);

      expect(result).toBe(handled);
      expect(await firstValueFrom(result)).toEqual({ id: 'o1' });
      expect(store.touched).toBe(false);
    });
  });

  describe('key validation', () => {
    it.each([
      ['256 characters long', 'k'.repeat(256)],
      ['containing a space', 'order 1'],
      ['empty', ''],
      ['containing a non-ASCII character', 'bestellung-ü'],
      ['containing a tab', 'a\tb'],
    ])(
      'rejects a key %s with 400 idempotency_key_invalid, before touching the store',
      async (_label, key) => {
        const handler = new FakeHandler(() => of('never'));

        const error = await rejectionOf(
          interceptor.intercept(contextOf(post({ 'idempotency-key': key }), new FakeReply()), handler),
        );

        expect(error.status).toBe(400);
        expect(error.code).toBe('idempotency_key_invalid');
        expect(error.errors).toEqual([
          {
            path: 'Idempotency-Key',
            code: 'idempotency_key_invalid',
            message: 'must be 1..255 printable ASCII characters',
          },
        ]);
        expect(handler.calls).toBe(0);
        expect(store.touched).toBe(false);
      },
    );

    it('accepts a key of 255 printable characters', async () => {
      const key = '!~'.repeat(127) + 'x';

      await firstValueFrom(
        interceptor.intercept(
          contextOf(post({ 'idempotency-key': key }), new FakeReply()),
          new FakeHandler(() => of({})),
        ),
      );

      expect(key).toHaveLength(255);
      expect(store.claims.map((c) => c.key)).toEqual([key]);
    });

    it('uses the first key when the header is repeated', async () => {
      await firstValueFrom(
        interceptor.intercept(
          contextOf(post({ 'idempotency-key': ['first', 'second'] }), new FakeReply()),
          new FakeHandler(() => of({})),
        ),
      );

      expect(store.claims.map((c) => c.key)).toEqual(['first']);
    });
  });

  describe('claim outcomes', () => {
    it('replays a stored answer without running the handler', async () => {
      store.claimAnswer = {
        kind: 'replay',
        statusCode: 201,
        body: { id: 'o1', total: '10.00' },
        headers: { location: '/api/v1/orders/o1', etag: 'W/"1"' },
      };
      const handler = new FakeHandler(() => of({ id: 'o2' }));
      const reply = new FakeReply();

      const body = await firstValueFrom(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), reply), handler),
      );

      expect(body).toEqual({ id: 'o1', total: '10.00' });
      expect(handler.calls).toBe(0);
      expect(reply.statusCode).toBe(201);
      expect(reply.sentHeaders).toEqual({
        location: '/api/v1/orders/o1',
        etag: 'W/"1"',
        'idempotency-replayed': 'true',
      });
      expect(store.completions).toEqual([]);
      expect(store.releases).toEqual([]);
    });

    it('rejects the same key with another request: 422 idempotency_key_reused', async () => {
      store.claimAnswer = { kind: 'fingerprint_mismatch' };
      const handler = new FakeHandler(() => of({}));

      const error = await rejectionOf(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), new FakeReply()), handler),
      );

      expect(error.status).toBe(422);
      expect(error.code).toBe('idempotency_key_reused');
      expect(handler.calls).toBe(0);
      expect(store.releases).toEqual([]);
    });

    it('rejects a retry while the first request runs: 409 with Retry-After: 1', async () => {
      store.claimAnswer = { kind: 'in_progress' };
      const handler = new FakeHandler(() => of({}));

      const error = await rejectionOf(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), new FakeReply()), handler),
      );

      expect(error.status).toBe(409);
      expect(error.code).toBe('idempotency_in_progress');
      expect(error.headers).toEqual({ 'Retry-After': '1' });
      expect(handler.calls).toBe(0);
      // The key belongs to the request still running: it must not be released.
      expect(store.releases).toEqual([]);
    });

    it('runs the handler once claimed and remembers a 2xx answer with its replayable headers', async () => {
      const reply = new FakeReply({
        location: '/api/v1/orders/o1',
        etag: 'W/"1"',
        'x-request-id': 'r1',
      });
      const handler = new FakeHandler(
        () => of({ id: 'o1' }),
        () => reply.status(201),
      );

      const body = await firstValueFrom(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), reply), handler),
      );

      expect(body).toEqual({ id: 'o1' });
      expect(handler.calls).toBe(1);
      expect(store.completions).toEqual([
        {
          scope: 'ip:unknown',
          key: 'k1',
          statusCode: 201,
          body: { id: 'o1' },
          headers: { etag: 'W/"1"', location: '/api/v1/orders/o1' },
        },
      ]);
      expect(store.releases).toEqual([]);
      expect(reply.sentHeaders).not.toHaveProperty('idempotency-replayed');
    });

    it('releases the key instead when the handler answers with a non-2xx status', async () => {
      const reply = new FakeReply();
      const handler = new FakeHandler(
        () => of(undefined),
        () => reply.status(302),
      );

      await firstValueFrom(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), reply), handler),
      );

      expect(store.completions).toEqual([]);
      expect(store.releases).toEqual([{ scope: 'ip:unknown', key: 'k1' }]);
    });

    it('releases the key and rethrows when the handler fails', async () => {
      const failure = new AppError(409, 'insufficient_stock', 'Not enough stock');
      const handler = new FakeHandler(() => throwError(() => failure));

      const error = await rejectionOf(
        interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), new FakeReply()), handler),
      );

      expect(error).toBe(failure);
      expect(store.releases).toEqual([{ scope: 'ip:unknown', key: 'k1' }]);
      expect(store.completions).toEqual([]);
    });

    it('still rethrows the handler error when releasing the key fails', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
      store.releaseFails = true;
      const failure = new AppError(400, 'validation_failed', 'Bad input');
      const handler = new FakeHandler(() => throwError(() => failure));

      try {
        const error = await rejectionOf(
          interceptor.intercept(contextOf(post({ 'idempotency-key': 'k1' }), new FakeReply()), handler),
        );

        expect(error).toBe(failure);
        expect(logged).toHaveBeenCalledTimes(1);
      } finally {
        logged.mockRestore();
      }
    });
  });

  describe('scope and fingerprint', () => {
    const claimFor = async (request: FakeRequest) => {
      await firstValueFrom(
        interceptor.intercept(contextOf(request, new FakeReply()), new FakeHandler(() => of({}))),
      );
      return store.claims[store.claims.length - 1];
    };

    it('fingerprints sha256 of "<method> <url>\\n<canonical JSON body>"', async () => {
      const claim = await claimFor(post({ 'idempotency-key': 'k1' }, { b: 1, a: { d: 2, c: 3 } }));

      expect(claim.fingerprint).toBe(
        createHash('sha256').update('POST /api/v1/orders\n{"a":{"c":3,"d":2},"b":1}').digest('hex'),
      );
    });

    it('gives the same fingerprint to bodies whose keys are reordered', async () => {
      const one = await claimFor(
        post(
          { 'idempotency-key': 'k1' },
          { customer: { id: 'c1', name: 'Ann' }, lines: [{ sku: 'A', qty: 1 }] },
        ),
      );
      const two = await claimFor(
        post(
          { 'idempotency-key': 'k1' },
          { lines: [{ qty: 1, sku: 'A' }], customer: { name: 'Ann', id: 'c1' } },
        ),
      );

      expect(one.fingerprint).toBe(two.fingerprint);
    });

    it('gives a different fingerprint to another path, query or body', async () => {
      const body = { sku: 'A' };
      const base = await claimFor(post({ 'idempotency-key': 'k1' }, body, '/api/v1/orders'));
      const otherPath = await claimFor(post({ 'idempotency-key': 'k1' }, body, '/api/v1/quotes'));
      const otherQuery = await claimFor(post({ 'idempotency-key': 'k1' }, body, '/api/v1/orders?draft=true'));
      const otherBody = await claimFor(post({ 'idempotency-key': 'k1' }, { sku: 'B' }, '/api/v1/orders'));

      const fingerprints = [base, otherPath, otherQuery, otherBody].map((c) => c.fingerprint);
      expect(new Set(fingerprints).size).toBe(4);
    });

    it('fingerprints a POST without a body like a null body', async () => {
      const claim = await claimFor({
        method: 'POST',
        url: '/api/v1/orders/o1/confirm',
        headers: { 'idempotency-key': 'k1' },
      });

      expect(claim.fingerprint).toBe(
        createHash('sha256').update('POST /api/v1/orders/o1/confirm\nnull').digest('hex'),
      );
    });

    it('scopes keys by client IP outside a request context', async () => {
      expect((await claimFor(post({ 'idempotency-key': 'k1' }))).scope).toBe('ip:unknown');
    });

    it.each([
      ['the company', { companyId: 'c1', actor: { type: 'user', id: 'u1' }, ip: '10.0.0.1' }, 'company:c1'],
      ['the user without a company', { actor: { type: 'user', id: 'u1' }, ip: '10.0.0.1' }, 'user:u1'],
      ['the IP of an anonymous client', { ip: '10.0.0.1' }, 'ip:10.0.0.1'],
    ] satisfies [string, RequestContextStore, string][])(
      'scopes keys by %s',
      async (_label, contextStore, scope) => {
        const cls = ClsServiceManager.getClsService<RequestContextStore>();
        const observable = cls.runWith(contextStore, () =>
          interceptor.intercept(
            contextOf(post({ 'idempotency-key': 'k1' }), new FakeReply()),
            new FakeHandler(() => of({})),
          ),
        );
        await firstValueFrom(observable);

        expect(store.claims.map((c) => c.scope)).toEqual([scope]);
      },
    );
  });
});
