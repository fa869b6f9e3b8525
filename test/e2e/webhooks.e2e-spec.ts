import { Inject, Injectable, Module } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypeSet, type RequestContextStore } from '@libs/core';
import { DomainEvents } from '@libs/persistence';
import { startTestApp, type TestApp } from '../support/test-app';
import { asUser, createCompany, setUpTenants, signUp, type Tenants } from '../support/auth';

jest.setTimeout(180_000);

// ---------------------------------------------------------------------------------------------------
// A module of the test publishing `gadget.*` events, in transactions that commit or roll back.

const GADGET_EVENT_TYPES = new EventTypeSet('gadgets', [
  { type: 'gadget.created', description: 'A gadget was created' },
  { type: 'gadget.deleted', description: 'A gadget was deleted' },
]);

@Injectable()
class GadgetEvents {
  constructor(
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(TransactionHost) private readonly txHost: TransactionHost,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
  ) {}

  /** Publishes one event of `companyId` in a transaction that commits, or rolls back when asked. */
  publish(
    companyId: string,
    data: object,
    options: { type?: string; rollBack?: boolean } = {},
  ): Promise<void> {
    return this.cls.run(() => {
      this.cls.set('companyId', companyId);
      this.cls.set('actor', { type: 'system', id: null });
      return this.txHost.withTransaction(async () => {
        await this.events.publish({
          type: options.type ?? 'gadget.created',
          aggregateType: 'gadget',
          aggregateId: randomUUID(),
          data,
        });
        if (options.rollBack) throw new Error('the gadget could not be saved');
      });
    });
  }
}

@Module({ providers: [{ provide: 'GADGET_EVENT_TYPES', useValue: GADGET_EVENT_TYPES }, GadgetEvents] })
class GadgetsTestModule {}

// ---------------------------------------------------------------------------------------------------
// A webhook receiver on 127.0.0.1: records every request and answers as each path is told to.

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What to answer to the n-th request (1-based) of a path: a status, or never answering. */
type Behaviour = (n: number) => number | 'hang';

class Receiver {
  readonly received: Received[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly hanging: ServerResponse[] = [];
  private server?: Server;
  private port = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = (this.behaviours.get(path) ?? (() => 200))(this.to(path).length);
        if (answer === 'hang') {
          this.hanging.push(res);
          return;
        }
        res.writeHead(answer, answer >= 300 && answer < 400 ? { location: 'http://127.0.0.1:1/' } : {});
        res.end(answer < 300 ? `ok ${path}` : `no ${path}`);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  to(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

// ---------------------------------------------------------------------------------------------------

/** Fast retries for the test: 8 attempts like SPEC's schedule, 100 ms apart. */
const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  WEBHOOK_RETRY_SCHEDULE: '0,100ms,100ms,100ms,100ms,100ms,100ms,100ms',
  WEBHOOK_POLL_INTERVAL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_LEASE_MS: '3000',
  JOBS_POLL_INTERVAL_SECONDS: '0.5',
};

async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Standard Webhooks, computed here with node:crypto only: v1,base64(HMAC-SHA256(key, id.ts.body)). */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

interface Endpoint {
  id: string;
  url: string;
  secret: string;
  version: number;
}

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  eventId: string;
  eventType: string;
  attemptLog: Array<{
    attempt: number;
    statusCode: number | null;
    error: string | null;
    responseBody: string | null;
  }>;
}

describe('outbound webhooks (SPEC §11.2)', () => {
  let t: TestApp;
  let s: Tenants;
  let receiver: Receiver;
  let gadgets: GadgetEvents;

  async function createEndpoint(path: string, eventTypes = ['gadget.created']): Promise<Endpoint> {
    const res = await asUser(t, s.owner)
      .post('/webhooks')
      .send({ url: receiver.url(path), eventTypes });
    expect(res.status).toBe(201);
    return res.body as Endpoint;
  }

  async function deliveriesOf(endpointId: string, query = ''): Promise<DeliveryRow[]> {
    const res = await asUser(t, s.owner).get(`/webhooks/${endpointId}/deliveries${query}`);
    expect(res.status).toBe(200);
    return (res.body as { data: DeliveryRow[] }).data;
  }

  /** Waits until the endpoint has `count` deliveries, all in a final state (newest first). */
  function settledDeliveries(endpointId: string, count = 1): Promise<DeliveryRow[]> {
    return until(`${count} settled deliveries`, async () => {
      const rows = await deliveriesOf(endpointId);
      const settled =
        rows.length === count && rows.every((d) => d.status === 'succeeded' || d.status === 'dead');
      return settled ? rows : null;
    });
  }

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    t = await startTestApp({ env: WEBHOOK_ENV, extraModules: [GadgetsTestModule] });
    s = await setUpTenants(t);
    gadgets = t.app.get(GadgetEvents);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  describe('event catalogue', () => {
    it('lists the types of every EventTypeSet provider, webhook.test included, sorted', async () => {
      const res = await asUser(t, s.owner).get('/webhooks/event-types').expect(200);
      const types = (res.body as { data: Array<{ type: string; domain: string }> }).data;
      expect(types).toEqual(
        expect.arrayContaining([
          { type: 'webhook.test', domain: 'webhooks', description: expect.any(String) },
          { type: 'gadget.created', domain: 'gadgets', description: 'A gadget was created' },
        ]),
      );
      const names = types.map((e) => e.type);
      expect(names).toEqual([...names].sort());
    });
  });

  describe('endpoints', () => {
    it('creates an endpoint and shows its whsec_ secret once, never again; stores it encrypted', async () => {
      const created = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: receiver.url('/created'), eventTypes: ['gadget.created'], description: 'Gadgets' });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('W/"1"');
      expect(created.body).toMatchObject({
        url: receiver.url('/created'),
        eventTypes: ['gadget.created'],
        description: 'Gadgets',
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
        previousSecretExpiresAt: null,
        version: 1,
        createdBy: s.owner.id,
      });
      const secret = (created.body as Endpoint).secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);

      const id = (created.body as Endpoint).id;
      const read = await asUser(t, s.owner).get(`/webhooks/${id}`).expect(200);
      expect(read.body).not.toHaveProperty('secret');
      expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));
      const listed = await asUser(t, s.owner).get('/webhooks').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));
      expect((listed.body as { data: Endpoint[] }).data.map((e) => e.id)).toContain(id);

      const [row] = await t.dataSource.query<Array<{ secret_ciphertext: string }>>(
        `SELECT secret_ciphertext FROM platform.webhook_endpoints WHERE id = $1`,
        [id],
      );
      expect(row.secret_ciphertext).toMatch(/^v1\./);
      expect(row.secret_ciphertext).not.toContain(secret.slice(6));
    });

    it('refuses unknown, empty and repeated event types, naming each field', async () => {
      const unknown = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: receiver.url('/x'), eventTypes: ['gadget.created', 'gadget.exploded'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        {
          path: 'eventTypes[1]',
          code: 'unknown_event_type',
          message: expect.stringContaining('gadget.exploded'),
        },
      ]);
      const empty = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: receiver.url('/x'), eventTypes: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['eventTypes']);
      const twice = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: receiver.url('/x'), eventTypes: ['gadget.created', 'gadget.created'] });
      expect(twice.status).toBe(400);
      expect(twice.body.errors[0].path).toBe('eventTypes[1]');
      const missing = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: receiver.url('/x') });
      expect(missing.status).toBe(400);
    });

    it('refuses non-http(s) URLs and internal addresses with 400 url url_not_allowed', async () => {
      for (const url of [
        'ftp://127.0.0.1/hook',
        'http://10.0.0.7/hook',
        'http://169.254.169.254/latest/meta-data/',
        'http://[::ffff:192.168.1.1]/hook',
        'http://[fd00::1]/hook',
        'http://100.64.1.1/hook',
      ]) {
        const res = await asUser(t, s.owner)
          .post('/webhooks')
          .send({ url, eventTypes: ['gadget.created'] });
        expect({ url, status: res.status, code: res.body.code, path: res.body.errors?.[0]?.path }).toEqual({
          url,
          status: 400,
          code: 'url_not_allowed',
          path: 'url',
        });
      }
    });

    it('answers 409 when the company already has the URL; another company may use it', async () => {
      const first = await createEndpoint('/shared');
      const again = await asUser(t, s.owner)
        .post('/webhooks')
        .send({ url: first.url, eventTypes: ['gadget.created'] });
      expect(again.status).toBe(409);
      const elsewhere = await asUser(t, s.other)
        .post('/webhooks')
        .send({ url: first.url, eventTypes: ['gadget.created'] });
      expect(elsewhere.status).toBe(201);
    });

    it('changes URL, types and description under If-Match, checking them again', async () => {
      const endpoint = await createEndpoint('/patch-me');
      const stale = await asUser(t, s.owner)
        .patch(`/webhooks/${endpoint.id}`)
        .set('If-Match', 'W/"99"')
        .send({ description: 'x' });
      expect(stale.status).toBe(412);
      const refused = await asUser(t, s.owner)
        .patch(`/webhooks/${endpoint.id}`)
        .send({ url: 'http://192.168.0.10/' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ path: 'url', code: 'url_not_allowed' });
      const badType = await asUser(t, s.owner)
        .patch(`/webhooks/${endpoint.id}`)
        .send({ eventTypes: ['nope.nope'] });
      expect(badType.status).toBe(400);

      const changed = await asUser(t, s.owner)
        .patch(`/webhooks/${endpoint.id}`)
        .set('If-Match', 'W/"1"')
        .send({
          url: receiver.url('/patched'),
          eventTypes: ['gadget.deleted'],
          description: 'Deleted gadgets',
        });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe('W/"2"');
      expect(changed.body).toMatchObject({
        url: receiver.url('/patched'),
        eventTypes: ['gadget.deleted'],
        description: 'Deleted gadgets',
        version: 2,
      });
      expect(changed.body).not.toHaveProperty('secret');
    });

    it('soft-deletes an endpoint: 404 afterwards, and nothing is delivered to it', async () => {
      const endpoint = await createEndpoint('/deleted');
      await asUser(t, s.owner).delete(`/webhooks/${endpoint.id}`).set('If-Match', 'W/"1"').expect(204);
      await asUser(t, s.owner).get(`/webhooks/${endpoint.id}`).expect(404);
      await asUser(t, s.owner).get(`/webhooks/${endpoint.id}/deliveries`).expect(404);
      await asUser(t, s.owner).delete(`/webhooks/${endpoint.id}`).expect(404);
      const probe = await createEndpoint('/deleted-probe');
      await gadgets.publish(s.companyA.id, { name: 'after delete' });
      await settledDeliveries(probe.id);
      expect(receiver.to('/deleted')).toHaveLength(0);
    });
  });

  describe('delivery', () => {
    it('POSTs the event signed per Standard Webhooks, payload {id, type, occurredAt, companyId, data}', async () => {
      const endpoint = await createEndpoint('/signed');
      await gadgets.publish(s.companyA.id, { name: 'Sprocket', size: 3 });
      const [delivery] = await settledDeliveries(endpoint.id);

      const [request] = receiver.to('/signed');
      const id = request.headers['webhook-id'] as string;
      const timestamp = request.headers['webhook-timestamp'] as string;
      expect(request.headers['content-type']).toBe('application/json');
      expect(id).toBe(delivery.eventId);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
      expect(request.headers['webhook-signature']).toBe(
        expectedSignature(endpoint.secret, id, timestamp, request.body),
      );
      expect(JSON.parse(request.body)).toEqual({
        id,
        type: 'gadget.created',
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        companyId: s.companyA.id,
        data: { name: 'Sprocket', size: 3 },
      });
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, eventType: 'gadget.created' });
      expect(delivery.attemptLog).toEqual([
        expect.objectContaining({ attempt: 1, statusCode: 200, error: null, responseBody: 'ok /signed' }),
      ]);
    });

    it('sends only subscribed types of its own company, and webhook.test only to the endpoint tested', async () => {
      const subscribed = await createEndpoint('/only-deleted', ['gadget.deleted']);
      const bystander = await createEndpoint('/bystander', ['gadget.deleted']);
      await gadgets.publish(s.companyA.id, { name: 'created, not sent' });
      await gadgets.publish(s.companyB.id, { name: 'other company' }, { type: 'gadget.deleted' });
      await asUser(t, s.owner).post(`/webhooks/${subscribed.id}/test`).expect(202);
      await gadgets.publish(s.companyA.id, { name: 'deleted' }, { type: 'gadget.deleted' });

      const deliveries = await settledDeliveries(subscribed.id, 2);
      expect(deliveries.map((d) => d.eventType).sort()).toEqual(['gadget.deleted', 'webhook.test']);
      const test = receiver.to('/only-deleted').find((r) => JSON.parse(r.body).type === 'webhook.test')!;
      expect(JSON.parse(test.body).data).toMatchObject({ id: subscribed.id, url: subscribed.url });
      expect(JSON.parse(test.body).data).not.toHaveProperty('secret');
      const bystanderDeliveries = await settledDeliveries(bystander.id, 1);
      expect(bystanderDeliveries[0].eventType).toBe('gadget.deleted');
      expect(receiver.to('/bystander').map((r) => JSON.parse(r.body).data.name)).toEqual(['deleted']);
    });

    it('emits nothing for a change that rolled back', async () => {
      const endpoint = await createEndpoint('/rollback');
      await expect(gadgets.publish(s.companyA.id, { name: 'ghost' }, { rollBack: true })).rejects.toThrow(
        'the gadget could not be saved',
      );
      await gadgets.publish(s.companyA.id, { name: 'real' });
      await settledDeliveries(endpoint.id);
      await sleep(500);
      expect(receiver.to('/rollback').map((r) => JSON.parse(r.body).data.name)).toEqual(['real']);
      const ghosts = await t.dataSource.query(
        `SELECT 1 FROM platform.outbox_events WHERE data->>'name' = 'ghost'`,
      );
      expect(ghosts).toHaveLength(0);
    });

    it('retries after 500s with the same webhook-id until a 2xx, then resets the failure count', async () => {
      receiver.on('/flaky', (n) => (n <= 2 ? 500 : 200));
      const endpoint = await createEndpoint('/flaky');
      await gadgets.publish(s.companyA.id, { name: 'flaky' });
      const [delivery] = await settledDeliveries(endpoint.id);

      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
      expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, 'HTTP 500'],
        [2, 500, 'HTTP 500'],
        [3, 200, null],
      ]);
      expect(delivery.attemptLog[0].responseBody).toBe('no /flaky');
      const ids = new Set(receiver.to('/flaky').map((r) => r.headers['webhook-id']));
      expect([...ids]).toEqual([delivery.eventId]);
      const endpointNow = await asUser(t, s.owner).get(`/webhooks/${endpoint.id}`).expect(200);
      expect(endpointNow.body.consecutiveFailures).toBe(0);
    });

    it('counts a redirect as a failure (never followed), gives up after the last attempt, redelivers', async () => {
      receiver.on('/moved', () => 302);
      const endpoint = await createEndpoint('/moved');
      await gadgets.publish(s.companyA.id, { name: 'moved' });
      const [delivery] = await settledDeliveries(endpoint.id);
      expect(delivery).toMatchObject({ status: 'dead', attempts: 8 });
      expect(delivery.attemptLog).toHaveLength(8);
      expect(delivery.attemptLog[7]).toMatchObject({
        statusCode: 302,
        error: expect.stringMatching(/redirect/),
      });
      expect(receiver.to('/moved')).toHaveLength(8);

      // A redelivery is a new series for the same event: the receiver sees the same webhook-id.
      receiver.on('/moved', () => 204);
      const redelivered = await asUser(t, s.owner).post(`/webhooks/deliveries/${delivery.id}/redeliver`);
      expect(redelivered.status).toBe(200);
      expect(redelivered.body).toMatchObject({ id: delivery.id, status: 'pending', attempts: 0 });
      const [after] = await settledDeliveries(endpoint.id);
      expect(after).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(after.attemptLog).toHaveLength(9);
      expect(receiver.to('/moved').at(-1)!.headers['webhook-id']).toBe(delivery.eventId);
    });

    it('filters the delivery log by status and event type', async () => {
      const endpoint = await createEndpoint('/mixed', ['gadget.created', 'gadget.deleted']);
      await gadgets.publish(s.companyA.id, { name: 'one' });
      await gadgets.publish(s.companyA.id, { name: 'two' }, { type: 'gadget.deleted' });
      await settledDeliveries(endpoint.id, 2);
      expect((await deliveriesOf(endpoint.id, '?eventType=gadget.deleted')).map((d) => d.eventType)).toEqual([
        'gadget.deleted',
      ]);
      expect(await deliveriesOf(endpoint.id, '?status=dead,failed')).toEqual([]);
      expect(await deliveriesOf(endpoint.id, '?status=succeeded&limit=1')).toHaveLength(1);
      await asUser(t, s.owner).get(`/webhooks/${endpoint.id}/deliveries?status=lost`).expect(400);
    });

    it('checks the address again at delivery: a URL now pointing inside is refused without a request', async () => {
      const endpoint = await createEndpoint('/rebound');
      // As if the host had been re-pointed after the endpoint passed the check.
      await t.dataSource.query(`UPDATE platform.webhook_endpoints SET url = $2 WHERE id = $1`, [
        endpoint.id,
        'http://169.254.169.254/latest/meta-data/',
      ]);
      await gadgets.publish(s.companyA.id, { name: 'metadata please' });
      const [delivery] = await settledDeliveries(endpoint.id);
      expect(delivery.status).toBe('dead');
      expect(delivery.attemptLog[0]).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^URL not allowed: .*link-local/),
      });
    });

    it('disables the endpoint after 20 consecutive failed attempts; enable resets the count', async () => {
      receiver.on('/down', () => 503);
      const endpoint = await createEndpoint('/down');
      // One delivery after the other, so that exactly 20 attempts happen: 8 + 8 + 4.
      for (const [index, name] of ['first', 'second'].entries()) {
        await gadgets.publish(s.companyA.id, { name });
        await until(`the ${name} delivery to die`, async () => {
          const rows = await deliveriesOf(endpoint.id);
          return rows.length === index + 1 && rows.every((d) => d.status === 'dead');
        });
      }
      await gadgets.publish(s.companyA.id, { name: 'third' });
      const disabled = await until('the endpoint to be disabled', async () => {
        const res = await asUser(t, s.owner).get(`/webhooks/${endpoint.id}`);
        return res.body.enabled === false ? (res.body as Record<string, unknown>) : null;
      });
      expect(disabled).toMatchObject({
        enabled: false,
        consecutiveFailures: 20,
        disabledAt: expect.any(String),
        disabledReason: expect.stringMatching(/20 consecutive failed .*HTTP 503/),
        version: 2,
        updatedBy: null,
      });
      await sleep(800);
      expect(receiver.to('/down')).toHaveLength(20);
      const third = (await deliveriesOf(endpoint.id))[0];
      expect(third).toMatchObject({ status: 'failed', attempts: 4 });

      await asUser(t, s.owner).post(`/webhooks/${endpoint.id}/test`).expect(409);
      await asUser(t, s.owner).post(`/webhooks/deliveries/${third.id}/redeliver`).expect(409);

      receiver.on('/down', () => 200);
      const enabled = await asUser(t, s.owner)
        .post(`/webhooks/${endpoint.id}/enable`)
        .set('If-Match', 'W/"2"');
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
        version: 3,
      });
      // The retry that waited while the endpoint was disabled resumes.
      await until(
        'the waiting delivery to succeed',
        async () => (await deliveriesOf(endpoint.id))[0].status === 'succeeded',
      );
    });

    it('signs with both secrets for 24 h after a rotation, each verifying; then with the new one only', async () => {
      const endpoint = await createEndpoint('/rotated');
      const rotated = await asUser(t, s.owner)
        .post(`/webhooks/${endpoint.id}/rotate-secret`)
        .set('If-Match', 'W/"1"');
      expect(rotated.status).toBe(200);
      const newSecret = (rotated.body as Endpoint).secret;
      expect(newSecret).toMatch(/^whsec_/);
      expect(newSecret).not.toBe(endpoint.secret);
      expect(rotated.body.version).toBe(2);
      const overlapHours =
        (Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now()) / 3_600_000;
      expect(overlapHours).toBeGreaterThan(23.9);
      expect(overlapHours).toBeLessThanOrEqual(24);

      await asUser(t, s.owner).post(`/webhooks/${endpoint.id}/test`).expect(202);
      await settledDeliveries(endpoint.id);
      const [during] = receiver.to('/rotated');
      const id = during.headers['webhook-id'] as string;
      const timestamp = during.headers['webhook-timestamp'] as string;
      expect((during.headers['webhook-signature'] as string).split(' ')).toEqual([
        expectedSignature(newSecret, id, timestamp, during.body),
        expectedSignature(endpoint.secret, id, timestamp, during.body),
      ]);

      await t.dataSource.query(
        `UPDATE platform.webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`,
        [endpoint.id],
      );
      await asUser(t, s.owner).post(`/webhooks/${endpoint.id}/test`).expect(202);
      await settledDeliveries(endpoint.id, 2);
      const after = receiver.to('/rotated')[1];
      expect(after.headers['webhook-signature']).toBe(
        expectedSignature(
          newSecret,
          after.headers['webhook-id'] as string,
          after.headers['webhook-timestamp'] as string,
          after.body,
        ),
      );
    });
  });

  describe('permissions and tenancy', () => {
    let endpoint: Endpoint;
    let delivery: DeliveryRow;
    /** An API key of company A whose role holds platform.webhook.read only. */
    let readerToken: string;

    const asReader = () => ({
      get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', `Bearer ${readerToken}`),
      post: (path: string) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${readerToken}`),
      patch: (path: string) => t.http.patch(`/api/v1${path}`).set('Authorization', `Bearer ${readerToken}`),
      delete: (path: string) => t.http.delete(`/api/v1${path}`).set('Authorization', `Bearer ${readerToken}`),
    });

    beforeAll(async () => {
      endpoint = await createEndpoint('/tenancy');
      await gadgets.publish(s.companyA.id, { name: 'tenancy' });
      [delivery] = await settledDeliveries(endpoint.id);
      const role = await asUser(t, s.owner)
        .post('/roles')
        .send({ name: 'Webhook reader', permissions: [{ key: 'platform.webhook.read' }] })
        .expect(201);
      const key = await asUser(t, s.owner)
        .post('/api-keys')
        .send({ name: 'Webhook reader', roleId: (role.body as { id: string }).id })
        .expect(201);
      readerToken = (key.body as { token: string }).token;
    });

    it("hides company A's endpoints and deliveries from company B on every route (404, lists without them)", async () => {
      const b = asUser(t, s.other);
      const routes: Array<[string, () => Promise<{ status: number }>]> = [
        ['GET /webhooks/:id', () => b.get(`/webhooks/${endpoint.id}`)],
        ['PATCH /webhooks/:id', () => b.patch(`/webhooks/${endpoint.id}`).send({ description: 'mine now' })],
        ['DELETE /webhooks/:id', () => b.delete(`/webhooks/${endpoint.id}`)],
        ['POST /webhooks/:id/test', () => b.post(`/webhooks/${endpoint.id}/test`)],
        ['POST /webhooks/:id/rotate-secret', () => b.post(`/webhooks/${endpoint.id}/rotate-secret`)],
        ['POST /webhooks/:id/enable', () => b.post(`/webhooks/${endpoint.id}/enable`)],
        ['GET /webhooks/:id/deliveries', () => b.get(`/webhooks/${endpoint.id}/deliveries`)],
        [
          'POST /webhooks/deliveries/:id/redeliver',
          () => b.post(`/webhooks/deliveries/${delivery.id}/redeliver`),
        ],
      ];
      for (const [route, call] of routes) {
        expect({ route, status: (await call()).status }).toEqual({ route, status: 404 });
      }
      const listed = await b.get('/webhooks').expect(200);
      expect((listed.body as { data: Endpoint[] }).data.map((e) => e.id)).not.toContain(endpoint.id);

      const unchanged = await asUser(t, s.owner).get(`/webhooks/${endpoint.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ version: 1, description: null, enabled: true });
      expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    });

    it('lets platform.webhook.read read but not manage; the viewer role reads nothing of webhooks', async () => {
      const reader = asReader();
      await reader.get(`/webhooks/${endpoint.id}`).expect(200);
      await reader.get(`/webhooks/${endpoint.id}/deliveries`).expect(200);
      await reader.get('/webhooks/event-types').expect(200);
      await reader.get('/webhooks').expect(200);
      for (const res of [
        await reader.post('/webhooks').send({ url: receiver.url('/v'), eventTypes: ['gadget.created'] }),
        await reader.patch(`/webhooks/${endpoint.id}`).send({ description: 'x' }),
        await reader.delete(`/webhooks/${endpoint.id}`),
        await reader.post(`/webhooks/${endpoint.id}/test`),
        await reader.post(`/webhooks/${endpoint.id}/rotate-secret`),
        await reader.post(`/webhooks/${endpoint.id}/enable`),
        await reader.post(`/webhooks/deliveries/${delivery.id}/redeliver`),
      ]) {
        expect(res.status).toBe(403);
      }
      // SPEC §4: the viewer role reads everything except platform internals such as webhooks.
      await asUser(t, s.viewer).get('/webhooks').expect(403);
      const loner = await asUser(t, s.loner).get('/webhooks');
      expect([loner.status, loner.body.code]).toEqual([403, 'no_active_company']);
    });

    it('answers 404 for ids that do not exist and 400 for malformed ones', async () => {
      await asUser(t, s.owner).get(`/webhooks/${randomUUID()}`).expect(404);
      await asUser(t, s.owner).post(`/webhooks/deliveries/${randomUUID()}/redeliver`).expect(404);
      const malformed = await asUser(t, s.owner).get('/webhooks/not-a-uuid');
      expect([malformed.status, malformed.body.code]).toEqual([400, 'invalid_id']);
    });
  });
});

describe('outbound webhooks without WEBHOOK_ALLOW_LOOPBACK', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses http://localhost:<port>/ and every loopback form with 400 url url_not_allowed', async () => {
    const owner = await signUp(t);
    await createCompany(t, owner);
    for (const url of [
      'http://localhost:8080/hook',
      'http://127.0.0.1:8080/hook',
      'http://[::1]:8080/hook',
      'http://[::ffff:127.0.0.1]:8080/hook',
    ]) {
      const res = await asUser(t, owner)
        .post('/webhooks')
        .send({ url, eventTypes: ['webhook.test'] });
      expect({ url, status: res.status, errors: res.body.errors }).toEqual({
        url,
        status: 400,
        errors: [{ path: 'url', code: 'url_not_allowed', message: expect.stringMatching(/loopback/) }],
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// At-least-once across a crash: the real server in processes of its own, killed for real.

const ROOT = join(__dirname, '..', '..');

/** Compiling on the fly and starting the whole app takes a few seconds, more on a busy machine. */
const BOOT_TIMEOUT_MS = 60_000;

interface Dispatcher {
  process: ChildProcess;
  exited: Promise<number | null>;
}

/** `src/main.ts` on the test's database; SIGKILL runs no shutdown hook, exactly like a crash. */
async function startDispatcher(databaseUrl: string, dataDir: string): Promise<Dispatcher> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      DB_MIGRATE_ON_START: 'false',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_SECONDS: '0.5',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '200',
      // Long enough that the killed attempt is still waiting for its answer when it dies.
      WEBHOOK_TIMEOUT_MS: '4000',
      WEBHOOK_LEASE_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start:\n${output}`)),
      BOOT_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Cornerstone is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  return { process: child, exited };
}

describe('a dispatcher killed mid-flight (at-least-once, one recorded success)', () => {
  let api: TestApp;
  let receiver: Receiver;
  let dataDir: string;
  const dispatchers: Dispatcher[] = [];

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    dataDir = mkdtempSync(join(tmpdir(), 'cornerstone-webhooks-'));
    // The API only: this app works no jobs, the dispatching happens in the processes below.
    api = await startTestApp({ env: { JOBS_ENABLED: 'false', WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  });

  afterAll(async () => {
    for (const dispatcher of dispatchers) dispatcher.process.kill('SIGKILL');
    await api?.close();
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('redelivers after a restart with the same webhook-id and records exactly one success', async () => {
    // The receiver processes the first request but its answer is lost (it never comes), so the
    // sender cannot know; the repeat carries the same webhook-id, which the receiver recognises.
    receiver.on('/restart', (n) => (n === 1 ? 'hang' : 200));
    const owner = await signUp(api);
    await createCompany(api, owner);
    const created = await asUser(api, owner)
      .post('/webhooks')
      .send({ url: receiver.url('/restart'), eventTypes: ['webhook.test'] });
    expect(created.status).toBe(201);
    await asUser(api, owner)
      .post(`/webhooks/${(created.body as Endpoint).id}/test`)
      .expect(202);

    const first = await startDispatcher(api.database.url, dataDir);
    dispatchers.push(first);
    await until('the first attempt to reach the receiver', () => receiver.to('/restart').length === 1);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const [leased] = await api.dataSource.query<Array<{ status: string; attempts: number; leased: boolean }>>(
      `SELECT status, attempts, next_attempt_at > now() AS leased FROM platform.webhook_deliveries`,
    );
    expect(leased).toEqual({ status: 'pending', attempts: 1, leased: true });
    // No outcome without an answer: the killed attempt recorded nothing.
    expect(await api.dataSource.query(`SELECT 1 FROM platform.webhook_delivery_attempts`)).toEqual([]);

    // A new dispatcher on the same database takes the delivery over once the lease has passed.
    const second = await startDispatcher(api.database.url, dataDir);
    dispatchers.push(second);
    const delivery = await until(
      'the delivery to succeed',
      async () => {
        const [row] = await api.dataSource.query<
          Array<{ status: string; attempts: number; event_id: string }>
        >(`SELECT status, attempts, event_id FROM platform.webhook_deliveries`);
        return row?.status === 'succeeded' ? row : null;
      },
      60_000,
    );

    const ids = receiver.to('/restart').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([delivery.event_id, delivery.event_id]);
    expect(delivery.attempts).toBe(2);
    expect(
      await api.dataSource.query(
        `SELECT attempt, status_code, error FROM platform.webhook_delivery_attempts`,
      ),
    ).toEqual([{ attempt: 2, status_code: 200, error: null }]);

    // A graceful stop (SIGTERM) is clean.
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
