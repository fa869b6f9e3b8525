import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { currentContext } from '@libs/core';
import { signWebhook } from '@libs/security';
import {
  type InboundEventForHandler,
  InboundHandlerRegistry,
  IntegrationsModule,
} from '../../src/modules/integrations';
import { asUser, setUpTenants, type Tenants } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

interface HandledEvent extends InboundEventForHandler {
  /** The company of the request context the handler ran in. */
  contextCompanyId?: string;
  actorType?: string;
}

/**
 * The test's `messaging` handler: records every event it is given; a payload `{"fail": true}` throws
 * until `healed` is set (a handler bug fixed later).
 */
@Injectable()
class RecordingHandler implements OnModuleInit {
  readonly handled: HandledEvent[] = [];
  healed = false;

  constructor(@Inject(InboundHandlerRegistry) private readonly registry: InboundHandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register('messaging', (event) => {
      const context = currentContext();
      this.handled.push({ ...event, contextCompanyId: context.companyId, actorType: context.actor?.type });
      const payload = event.payload as { fail?: boolean; ignore?: boolean };
      if (payload.fail && !this.healed) return Promise.reject(new Error('handler exploded on purpose'));
      return Promise.resolve(payload.ignore ? 'ignored' : undefined);
    });
  }
}

@Module({ imports: [IntegrationsModule], providers: [RecordingHandler] })
class InboundTestModule {}

interface Config {
  id: string;
  inboundSecret: string;
  inboundRouteKey: string;
  inboundPath: string;
}

interface StoredEvent {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  external_event_id: string;
  event_type: string | null;
  payload: unknown;
  provider_config_id: string;
  processed_at: Date | null;
}

const now = () => Math.floor(Date.now() / 1000);
let sequence = 0;

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('inbound webhooks (SPEC §11.3)', () => {
  let t: TestApp;
  let s: Tenants;
  let handler: RecordingHandler;
  let chat: Config;

  /** Posts `body` (sent byte for byte) to a configuration's inbound path, signed with `secret`. */
  const deliver = (
    config: Pick<Config, 'inboundPath'>,
    body: string,
    options: { id?: string; timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
  ) => {
    const id = options.id ?? `evt_${process.pid}_${++sequence}`;
    const timestamp = options.timestamp ?? now();
    const signature = options.secret
      ? signWebhook({ id, timestamp, body, secret: options.secret })
      : undefined;
    return t.http
      .post(config.inboundPath)
      .set('content-type', 'application/json')
      .set({
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        ...(signature ? { 'webhook-signature': signature } : {}),
        ...options.headers,
      })
      .send(body);
  };

  const createConfig = async (
    user: { accessToken: string },
    type: string,
    options: { active?: boolean } = {},
  ): Promise<Config> => {
    const res = await asUser(t, user)
      .post('/provider-configs')
      .send({ type, provider: 'generic', name: `${type} inbound`, active: options.active ?? true });
    expect(res.status).toBe(201);
    return res.body as Config;
  };

  const eventsOf = async (configId: string): Promise<StoredEvent[]> =>
    t.dataSource.query(
      `SELECT id, status, attempts, error, external_event_id, event_type, payload, provider_config_id, processed_at
         FROM platform.inbound_events WHERE provider_config_id = $1 ORDER BY received_at, id`,
      [configId],
    );

  const settled = (id: string, statuses = ['processed', 'failed', 'ignored']) =>
    until(`event ${id} to settle`, async () => {
      const rows: StoredEvent[] = await t.dataSource.query(
        `SELECT id, status, attempts, error, processed_at FROM platform.inbound_events WHERE id = $1`,
        [id],
      );
      return rows[0] && statuses.includes(rows[0].status) ? rows[0] : undefined;
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_POLL_INTERVAL_SECONDS: '0.5' }, extraModules: [InboundTestModule] });
    handler = t.app.get(RecordingHandler);
    s = await setUpTenants(t);
    chat = await createConfig(s.owner, 'messaging');
  });

  afterAll(() => t?.close());

  it('stores an authentic event once, answers 200, and hands it to the handler through the job queue', async () => {
    const body = '{"type":"message.created",  "data": {"text": "hello"}}'; // spaced: the signature covers these bytes
    const res = await deliver(chat, body, { id: 'evt_first', secret: chat.inboundSecret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ duplicate: false, id: expect.any(String) });

    const event = await settled(res.body.id);
    expect(event).toMatchObject({ status: 'processed', attempts: 1, error: null });
    expect(event.processed_at).not.toBeNull();
    const [stored] = await eventsOf(chat.id);
    expect(stored).toMatchObject({
      external_event_id: 'evt_first',
      event_type: 'message.created',
      payload: { type: 'message.created', data: { text: 'hello' } },
    });
    expect(handler.handled.filter((e) => e.externalEventId === 'evt_first')).toEqual([
      expect.objectContaining({
        id: res.body.id,
        companyId: s.companyA.id,
        providerConfigId: chat.id,
        configType: 'messaging',
        provider: 'generic',
        eventType: 'message.created',
        attempts: 1,
        // The handler runs as the system, inside the event's company.
        contextCompanyId: s.companyA.id,
        actorType: 'system',
      }),
    ]);
  });

  it('answers a redelivery 200 {duplicate: true}: one row, not handled again', async () => {
    const body = '{"type":"message.created","n":1}';
    const first = await deliver(chat, body, { id: 'evt_dup', secret: chat.inboundSecret });
    await settled(first.body.id);
    const again = await deliver(chat, body, { id: 'evt_dup', secret: chat.inboundSecret });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a second run would have started by now
    expect((await eventsOf(chat.id)).filter((e) => e.external_event_id === 'evt_dup')).toHaveLength(1);
    expect(handler.handled.filter((e) => e.externalEventId === 'evt_dup')).toHaveLength(1);
  });

  it('answers 401 and stores nothing for a wrong, missing or stale signature', async () => {
    const count = async () => (await eventsOf(chat.id)).length;
    const before = await count();
    const body = '{"type":"message.created"}';

    const otherSecret = (await createConfig(s.owner, 'crm')).inboundSecret;
    const wrong = await deliver(chat, body, { secret: otherSecret });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.code).toBe('invalid_signature');

    expect((await deliver(chat, body)).status).toBe(401); // no signature header
    const stale = await deliver(chat, body, { secret: chat.inboundSecret, timestamp: now() - 6 * 60 });
    expect(stale.status).toBe(401);
    const future = await deliver(chat, body, { secret: chat.inboundSecret, timestamp: now() + 6 * 60 });
    expect(future.status).toBe(401);

    // A valid signature over other bytes than those sent.
    const tampered = await t.http
      .post(chat.inboundPath)
      .set('content-type', 'application/json')
      .set({
        'webhook-id': 'evt_tampered',
        'webhook-timestamp': String(now()),
        'webhook-signature': signWebhook({
          id: 'evt_tampered',
          timestamp: now(),
          body,
          secret: chat.inboundSecret,
        }),
      })
      .send('{"type":"message.deleted"}');
    expect(tampered.status).toBe(401);

    expect(await count()).toBe(before);
  });

  it('answers 404 for an unknown route key, another provider, or an inactive or deleted configuration', async () => {
    const body = '{}';
    const key = 'A'.repeat(43);
    expect((await deliver({ inboundPath: `/api/v1/inbound/generic/${key}` }, body)).status).toBe(404);
    expect((await deliver({ inboundPath: '/api/v1/inbound/generic/short' }, body)).status).toBe(404);
    expect(
      (
        await deliver({ inboundPath: `/api/v1/inbound/smtp/${chat.inboundRouteKey}` }, body, {
          secret: chat.inboundSecret,
        })
      ).status,
    ).toBe(404);

    const inactive = await createConfig(s.owner, 'billing', { active: false });
    expect((await deliver(inactive, body, { secret: inactive.inboundSecret })).status).toBe(404);
    const deleted = await createConfig(s.owner, 'email');
    await asUser(t, s.owner).delete(`/provider-configs/${deleted.id}`).expect(204);
    expect((await deliver(deleted, body, { secret: deleted.inboundSecret })).status).toBe(404);
  });

  it('verifies with the rotated secret only, once rotated', async () => {
    const config = await createConfig(s.owner, 'crm');
    const rotated = await asUser(t, s.owner)
      .post(`/provider-configs/${config.id}/rotate-inbound-secret`)
      .send();
    expect(rotated.status).toBe(200);
    expect((await deliver(config, '{}', { secret: config.inboundSecret })).status).toBe(401);
    expect((await deliver(config, '{}', { secret: rotated.body.inboundSecret })).status).toBe(200);
  });

  it('marks events of a type nobody handles, or that the handler declines, as ignored', async () => {
    const crm = await createConfig(s.other, 'crm');
    const unhandled = await deliver(crm, '{"type":"deal.won"}', { secret: crm.inboundSecret });
    expect((await settled(unhandled.body.id)).status).toBe('ignored');
    const declined = await deliver(chat, '{"ignore":true}', { secret: chat.inboundSecret });
    expect((await settled(declined.body.id)).status).toBe('ignored');
  });

  it('records a handler failure; reprocess runs a failed event again, and only a failed one', async () => {
    const res = await deliver(chat, '{"type":"message.created","fail":true}', {
      id: 'evt_fails',
      secret: chat.inboundSecret,
    });
    const failed = await settled(res.body.id);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'handler exploded on purpose',
      processed_at: null,
    });

    const listed = await asUser(t, s.owner).get('/inbound-events?status=failed');
    expect(listed.body.data.map((e: { id: string }) => e.id)).toContain(res.body.id);

    handler.healed = true;
    const reprocess = await asUser(t, s.owner).post(`/inbound-events/${res.body.id}/reprocess`).send();
    expect(reprocess.status).toBe(200);
    expect(reprocess.body).toMatchObject({ id: res.body.id, status: 'received', error: null, attempts: 1 });
    expect(await settled(res.body.id, ['processed'])).toMatchObject({
      status: 'processed',
      attempts: 2,
      error: null,
    });
    expect(handler.handled.filter((e) => e.externalEventId === 'evt_fails').map((e) => e.attempts)).toEqual([
      1, 2,
    ]);

    const again = await asUser(t, s.owner).post(`/inbound-events/${res.body.id}/reprocess`).send();
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_transition', currentState: 'processed', allowed: [] });
  });

  it('lists the company’s events newest first, with filters and a cursor', async () => {
    const api = asUser(t, s.owner);
    const all = await api.get('/inbound-events?limit=100');
    expect(all.status).toBe(200);
    const received = all.body.data.map((e: { receivedAt: string }) => e.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
    expect(Object.keys(all.body.data[0]).sort()).toEqual([
      'attempts',
      'error',
      'eventType',
      'externalEventId',
      'id',
      'payload',
      'processedAt',
      'provider',
      'providerConfigId',
      'receivedAt',
      'status',
    ]);

    const first = await api.get('/inbound-events?limit=1');
    const second = await api.get(`/inbound-events?limit=1&cursor=${first.body.page.nextCursor}`);
    expect(second.body.data[0].id).toBe(all.body.data[1].id);

    const processed = await api.get('/inbound-events?status=processed,ignored&provider=generic');
    expect(processed.body.data.length).toBeGreaterThan(0);
    expect(
      processed.body.data.every((e: { status: string }) => ['processed', 'ignored'].includes(e.status)),
    ).toBe(true);
    const oldest = all.body.data[all.body.data.length - 1];
    const window = await api.get(
      `/inbound-events?receivedFrom=${oldest.receivedAt}&receivedTo=${new Date(Date.parse(oldest.receivedAt) + 1).toISOString()}`,
    );
    expect(window.body.data.map((e: { id: string }) => e.id)).toEqual([oldest.id]);
    expect((await api.get('/inbound-events?provider=other')).body.data).toEqual([]);
    expect((await api.get('/inbound-events?status=lost')).status).toBe(400);
    expect((await api.get('/inbound-events?receivedFrom=yesterday')).status).toBe(400);
  });

  it('keeps companies apart: B neither sees nor reprocesses A’s events; permissions are enforced', async () => {
    const res = await deliver(chat, '{"type":"message.created","fail":true,"for":"tenancy"}', {
      secret: chat.inboundSecret,
    });
    handler.healed = false;
    await settled(res.body.id);
    handler.healed = true;

    const b = asUser(t, s.other);
    const theirs = await b.get('/inbound-events?limit=100');
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.map((e: { providerConfigId: string }) => e.providerConfigId)).not.toContain(
      chat.id,
    );
    expect((await b.post(`/inbound-events/${res.body.id}/reprocess`).send()).status).toBe(404);

    // The same external id sent to B's configuration is B's own event, not a duplicate of A's.
    const bChat = await createConfig(s.other, 'messaging');
    const bRes = await deliver(bChat, '{"type":"message.created"}', {
      id: 'evt_first',
      secret: bChat.inboundSecret,
    });
    expect(bRes.body).toEqual({ duplicate: false, id: expect.any(String) });
    expect((await settled(bRes.body.id)).status).toBe('processed');
    expect(handler.handled.find((e) => e.id === bRes.body.id)).toMatchObject({
      companyId: s.companyB.id,
      contextCompanyId: s.companyB.id,
    });

    // A's route key with B's secret proves nothing.
    expect((await deliver(chat, '{}', { secret: bChat.inboundSecret })).status).toBe(401);

    expect((await asUser(t, s.viewer).get('/inbound-events')).status).toBe(403);
    expect((await asUser(t, s.viewer).post(`/inbound-events/${res.body.id}/reprocess`).send()).status).toBe(
      403,
    );
    expect((await t.http.get('/api/v1/inbound-events')).status).toBe(401);
    expect((await asUser(t, s.owner).post(`/inbound-events/${res.body.id}/reprocess`).send()).status).toBe(
      200,
    );
  });

  it('refuses a body over 1 MB before reading it all, and a non-JSON content type', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) });
    expect((await deliver(chat, big, { secret: chat.inboundSecret })).status).toBe(413);
    const text = await t.http.post(chat.inboundPath).set('content-type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
  });
});
