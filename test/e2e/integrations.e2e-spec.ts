import { Test } from '@nestjs/testing';
import { createServer, type Server, type Socket } from 'node:net';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import pino from 'pino';
import { SecretBox } from '@libs/security';
import { PROVIDE_DATABASE, type ProvideDatabase } from '../../src/cli/cli-database';
import { CliError } from '../../src/cli/cli-error';
import { CliModule } from '../../src/cli/cli.module';
import { ProviderConfigsReencryptCommand } from '../../src/cli/commands/provider-configs-reencrypt.command';
import { Terminal } from '../../src/cli/terminal';
import { asUser, setUpTenants, type Tenants } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const keyOf = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const K1 = keyOf(1);
const K2 = keyOf(2);
const boxOf = (keys: Record<string, string>, currentKeyId: string) =>
  new SecretBox({
    currentKeyId,
    keys: Object.fromEntries(Object.entries(keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])),
  });
const aad = (id: string, column: string) => `platform.provider_configs:${id}:${column}`;

/** Values that must never leave the server after being sent, whatever the route. */
const API_KEY = 'ak-live-7f3c9d0e5b1a4c8e9f2d';
const ACCOUNT_SECRET = 'acct-secret-4b7e1f9a2c6d';
const SMTP_PASSWORD = 'smtp-pass-9e8d7c6b5a';
const ROTATED_KEY = 'ak-rotated-1a2b3c4d5e6f';

interface StoredRow {
  credentials_ciphertext: string;
  inbound_secret_ciphertext: string;
  encryption_key_id: string;
  active: boolean;
}

/**
 * A minimal SMTP server on loopback: greets, answers EHLO (AUTH PLAIN), accepts `user`/SMTP_PASSWORD
 * and refuses any other login, says bye. Enough for nodemailer's verify().
 */
async function startSmtpServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => {
    let buffered = '';
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') socket.write('250-localhost\r\n250 AUTH PLAIN\r\n');
        else if (verb === 'AUTH') {
          const credentials = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          const ok = credentials === `\u0000user\u0000${SMTP_PASSWORD}`;
          socket.write(
            ok ? '235 2.7.0 Authentication successful\r\n' : '535 5.7.8 Authentication failed\r\n',
          );
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('502 5.5.2 Not implemented\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

/** Everything the app logs from now on (at debug level), kept in memory instead of printed. */
function captureLogs(): { text: () => string; restore: () => void } {
  const root = PinoLogger.root as pino.Logger & Record<symbol, { write: (chunk: string) => boolean }>;
  const stream = root[pino.symbols.streamSym];
  const write = stream.write;
  const level = root.level;
  let text = '';
  stream.write = (chunk: string) => {
    text += chunk;
    return true;
  };
  root.level = 'debug';
  return {
    text: () => text,
    restore: () => {
      stream.write = write;
      root.level = level;
    },
  };
}

describe('provider configurations (SPEC §11.7)', () => {
  let t: TestApp;
  let s: Tenants;
  let logs: ReturnType<typeof captureLogs>;
  let smtp: { server: Server; port: number };
  /** The text of every response this file receives, searched for secrets at the end. */
  const responses: string[] = [];

  const as = (user: { accessToken: string }) => {
    const api = asUser(t, user);
    const record = <T extends { text: string }>(res: T): T => {
      responses.push(res.text);
      return res;
    };
    return {
      get: (path: string) => api.get(path).then(record),
      post: (path: string, body?: object, headers: Record<string, string> = {}) =>
        api.post(path).set(headers).send(body).then(record),
      patch: (path: string, body: object, headers: Record<string, string> = {}) =>
        api.patch(path).set(headers).send(body).then(record),
      delete: (path: string, headers: Record<string, string> = {}) =>
        api.delete(path).set(headers).then(record),
    };
  };

  const storedRow = async (id: string): Promise<StoredRow> => {
    const rows: StoredRow[] = await t.dataSource.query(
      `SELECT credentials_ciphertext, inbound_secret_ciphertext, encryption_key_id, active
         FROM platform.provider_configs WHERE id = $1`,
      [id],
    );
    return rows[0];
  };

  const create = async (body: Record<string, unknown>) => {
    const res = await as(s.owner).post('/provider-configs', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; inboundSecret: string; version: number; active: boolean };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { ENCRYPTION_KEY: K1, ENCRYPTION_KEY_ID: 'k1' } });
    logs = captureLogs();
    smtp = await startSmtpServer();
    s = await setUpTenants(t);
  });

  afterAll(async () => {
    logs?.restore();
    await new Promise((resolve) => smtp?.server.close(resolve));
    await t?.close();
  });

  describe('CRUD', () => {
    it('creates a configuration: credentials only as "set", the inbound secret shown once', async () => {
      const res = await as(s.owner).post('/provider-configs', {
        type: 'messaging',
        provider: 'generic',
        name: '  WhatsApp gateway ',
        credentials: { apiKey: API_KEY, accountSecret: ACCOUNT_SECRET },
        settings: { region: 'eu', retries: 3 },
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({
        type: 'messaging',
        provider: 'generic',
        name: 'WhatsApp gateway',
        active: false,
        credentials: { accountSecret: 'set', apiKey: 'set' },
        settings: { region: 'eu', retries: 3 },
        lastTestedAt: null,
        lastTestResult: null,
        createdBy: s.owner.id,
        version: 1,
      });
      expect(res.body.inboundSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(res.body.inboundRouteKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.inboundPath).toBe(`/api/v1/inbound/generic/${res.body.inboundRouteKey}`);

      const read = await as(s.owner).get(`/provider-configs/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('W/"1"');
      expect(read.body).not.toHaveProperty('inboundSecret');
      expect(read.body.credentials).toEqual({ accountSecret: 'set', apiKey: 'set' });
    });

    it('lists with filters and a cursor', async () => {
      const email = await create({ type: 'email', provider: 'generic', name: 'Mail relay' });
      const all = await as(s.owner).get('/provider-configs?limit=1');
      expect(all.status).toBe(200);
      expect(all.body.data).toHaveLength(1);
      expect(all.body.data[0].id).toBe(email.id); // newest first
      const next = await as(s.owner).get(`/provider-configs?limit=1&cursor=${all.body.page.nextCursor}`);
      expect(next.body.data[0].type).toBe('messaging');
      const emails = await as(s.owner).get('/provider-configs?type=email&provider=generic&active=false');
      expect(emails.body.data.map((c: { id: string }) => c.id)).toEqual([email.id]);
      expect((await as(s.owner).get('/provider-configs?active=true')).body.data).toEqual([]);
      expect((await as(s.owner).get('/provider-configs?type=fax')).status).toBe(400);
    });

    it('changes name, settings and credentials (merged: null removes a field), honouring If-Match', async () => {
      const created = await create({
        type: 'crm',
        provider: 'generic',
        name: 'CRM',
        credentials: { apiKey: API_KEY, accountSecret: ACCOUNT_SECRET },
      });
      const stale = await as(s.owner).patch(
        `/provider-configs/${created.id}`,
        { name: 'x' },
        { 'If-Match': 'W/"9"' },
      );
      expect(stale.status).toBe(412);

      const res = await as(s.owner).patch(
        `/provider-configs/${created.id}`,
        {
          name: 'CRM sync',
          settings: { pipeline: 'b2b' },
          credentials: { apiKey: ROTATED_KEY, accountSecret: null, token: 'tk-5d4c3b2a1f' },
        },
        { 'If-Match': 'W/"1"' },
      );
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({
        name: 'CRM sync',
        settings: { pipeline: 'b2b' },
        credentials: { apiKey: 'set', token: 'set' },
        version: 2,
      });
      expect(res.body.credentials).not.toHaveProperty('accountSecret');
      const row = await storedRow(created.id);
      expect(
        JSON.parse(
          boxOf({ k1: K1 }, 'k1').decrypt(row.credentials_ciphertext, aad(created.id, 'credentials')),
        ),
      ).toEqual({
        apiKey: ROTATED_KEY,
        token: 'tk-5d4c3b2a1f',
      });
    });

    it('soft-deletes: 204, then 404 everywhere and gone from the list', async () => {
      const created = await create({ type: 'billing', provider: 'generic', name: 'Billing' });
      expect(
        (await as(s.owner).delete(`/provider-configs/${created.id}`, { 'If-Match': 'W/"7"' })).status,
      ).toBe(412);
      expect((await as(s.owner).delete(`/provider-configs/${created.id}`)).status).toBe(204);
      expect((await as(s.owner).get(`/provider-configs/${created.id}`)).status).toBe(404);
      expect((await as(s.owner).delete(`/provider-configs/${created.id}`)).status).toBe(404);
      expect((await as(s.owner).post(`/provider-configs/${created.id}/activate`)).status).toBe(404);
      const list = await as(s.owner).get('/provider-configs?type=billing');
      expect(list.body.data).toEqual([]);
      const [row]: Array<{ deleted_by: string }> = await t.dataSource.query(
        'SELECT deleted_by FROM platform.provider_configs WHERE id = $1',
        [created.id],
      );
      expect(row.deleted_by).toBe(s.owner.id);
    });

    it('answers bad input with 400 naming the field, values never echoed', async () => {
      const post = (body: object) => as(s.owner).post('/provider-configs', body);
      const paths = (res: { body: { errors?: Array<{ path: string }> } }) =>
        res.body.errors?.map((e) => e.path);

      const unknownProvider = await post({ type: 'email', provider: 'mailgun', name: 'x' });
      expect(unknownProvider.status).toBe(400);
      expect(paths(unknownProvider)).toEqual(['provider']);

      const mismatch = await post({
        type: 'messaging',
        provider: 'smtp',
        name: 'x',
        credentials: { url: 'smtp://h' },
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.code).toBe('provider_type_mismatch');
      expect(paths(mismatch)).toEqual(['provider']);

      const noUrl = await post({ type: 'email', provider: 'smtp', name: 'x' });
      expect(noUrl.status).toBe(400);
      expect(paths(noUrl)).toEqual(['credentials.url']);

      const badValue = await post({
        type: 'crm',
        provider: 'generic',
        name: 'x',
        credentials: { apiKey: 42, password: API_KEY, 'bad key': 'v' },
      });
      expect(badValue.status).toBe(400);
      expect(paths(badValue)?.sort()).toEqual(['credentials.apiKey', 'credentials.bad key']);
      expect(badValue.text).not.toContain(API_KEY);

      const notObject = await post({
        type: 'crm',
        provider: 'generic',
        name: 'x',
        credentials: ['a'],
        settings: 'b',
      });
      expect(paths(notObject)?.sort()).toEqual(['credentials', 'settings']);

      const unknownField = await post({ type: 'crm', provider: 'generic', name: 'x', secret: 'y' });
      expect(unknownField.status).toBe(400);

      const tooBig = await post({
        type: 'crm',
        provider: 'generic',
        name: 'x',
        settings: { blob: 'x'.repeat(17000) },
      });
      expect(paths(tooBig)).toEqual(['settings']);

      const created = await create({ type: 'crm', provider: 'generic', name: 'Immutable type' });
      const typeChange = await as(s.owner).patch(`/provider-configs/${created.id}`, { type: 'email' });
      expect(typeChange.status).toBe(400);
      expect((await as(s.owner).get('/provider-configs/not-a-uuid')).status).toBe(400);
    });
  });

  describe('encryption at rest', () => {
    it('stores AES-256-GCM ciphertext under the current key id, bound to the row', async () => {
      const created = await create({
        type: 'messaging',
        provider: 'generic',
        name: 'At rest',
        credentials: { apiKey: API_KEY },
      });
      const row = await storedRow(created.id);
      expect(row.encryption_key_id).toBe('k1');
      expect(row.credentials_ciphertext).toMatch(/^v1\.k1\./);
      expect(row.credentials_ciphertext).not.toContain(API_KEY);
      expect(row.inbound_secret_ciphertext).not.toContain(created.inboundSecret);

      const box = boxOf({ k1: K1 }, 'k1');
      expect(JSON.parse(box.decrypt(row.credentials_ciphertext, aad(created.id, 'credentials')))).toEqual({
        apiKey: API_KEY,
      });
      expect(box.decrypt(row.inbound_secret_ciphertext, aad(created.id, 'inbound_secret'))).toBe(
        created.inboundSecret,
      );
      // Another key, or the same ciphertext read as another row's, does not open.
      expect(() =>
        boxOf({ k1: K2 }, 'k1').decrypt(row.credentials_ciphertext, aad(created.id, 'credentials')),
      ).toThrow();
      expect(() => box.decrypt(row.credentials_ciphertext, aad(s.companyA.id, 'credentials'))).toThrow();
    });

    it('rotates the inbound secret: shown once, honouring If-Match, stored sealed', async () => {
      const created = await create({ type: 'messaging', provider: 'generic', name: 'Rotating' });
      const stale = await as(s.owner).post(
        `/provider-configs/${created.id}/rotate-inbound-secret`,
        {},
        { 'If-Match': 'W/"5"' },
      );
      expect(stale.status).toBe(412);
      const res = await as(s.owner).post(
        `/provider-configs/${created.id}/rotate-inbound-secret`,
        {},
        { 'If-Match': 'W/"1"' },
      );
      expect(res.status).toBe(200);
      expect(res.body.inboundSecret).toMatch(/^whsec_/);
      expect(res.body.inboundSecret).not.toBe(created.inboundSecret);
      expect(res.body.version).toBe(2);
      const row = await storedRow(created.id);
      expect(
        boxOf({ k1: K1 }, 'k1').decrypt(row.inbound_secret_ciphertext, aad(created.id, 'inbound_secret')),
      ).toBe(res.body.inboundSecret);
      expect((await as(s.owner).get(`/provider-configs/${created.id}`)).body).not.toHaveProperty(
        'inboundSecret',
      );
    });
  });

  describe('activation', () => {
    it('allows one active configuration per type: activate swaps, other types are untouched', async () => {
      const first = await create({ type: 'email', provider: 'generic', name: 'Relay A', active: true });
      expect(first.active).toBe(true);
      const second = await create({ type: 'email', provider: 'generic', name: 'Relay B' });
      const messaging = await create({ type: 'messaging', provider: 'generic', name: 'Chat', active: true });

      const stale = await as(s.owner).post(
        `/provider-configs/${second.id}/activate`,
        {},
        { 'If-Match': 'W/"3"' },
      );
      expect(stale.status).toBe(412);
      const swapped = await as(s.owner).post(`/provider-configs/${second.id}/activate`);
      expect(swapped.status).toBe(200);
      expect(swapped.body).toMatchObject({ active: true, version: 2 });
      expect((await as(s.owner).get(`/provider-configs/${first.id}`)).body).toMatchObject({
        active: false,
        version: 2,
      });
      expect((await as(s.owner).get(`/provider-configs/${messaging.id}`)).body.active).toBe(true);
      const active = await as(s.owner).get('/provider-configs?type=email&active=true');
      expect(active.body.data.map((c: { id: string }) => c.id)).toEqual([second.id]);

      // Creating one active takes the place of the active one too.
      const third = await create({ type: 'email', provider: 'generic', name: 'Relay C', active: true });
      expect((await storedRow(second.id)).active).toBe(false);
      expect((await storedRow(third.id)).active).toBe(true);

      const off = await as(s.owner).post(
        `/provider-configs/${third.id}/deactivate`,
        {},
        { 'If-Match': 'W/"1"' },
      );
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ active: false, version: 2 });
      const again = await as(s.owner).post(`/provider-configs/${third.id}/deactivate`);
      expect(again.body.version).toBe(2); // no change, no new version
      expect((await as(s.owner).get('/provider-configs?type=email&active=true')).body.data).toEqual([]);
    });

    it('of two concurrent activations of one type, exactly one wins; the other gets 409', async () => {
      const a = await create({ type: 'billing', provider: 'generic', name: 'Race A' });
      const b = await create({ type: 'billing', provider: 'generic', name: 'Race B' });
      // Hold both rows so the two requests reach their write at the same time, then let them go.
      const gate = new Client({ connectionString: t.database.url });
      await gate.connect();
      try {
        await gate.query('BEGIN');
        await gate.query('SELECT id FROM platform.provider_configs WHERE id = ANY($1::uuid[]) FOR UPDATE', [
          [a.id, b.id],
        ]);
        const racing = Promise.all([
          as(s.owner).post(`/provider-configs/${a.id}/activate`),
          as(s.owner).post(`/provider-configs/${b.id}/activate`),
        ]);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await gate.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          if (rows[0].waiting >= 2) break;
          if (Date.now() > deadline) throw new Error('the two activations never met');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await gate.query('COMMIT');
        const results = await racing;
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)?.body.code).toBe('activation_conflict');
      } finally {
        await gate.end();
      }
      const rows: Array<{ count: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM platform.provider_configs
          WHERE company_id = $1 AND type = 'billing' AND active AND deleted_at IS NULL`,
        [s.companyA.id],
      );
      expect(rows[0].count).toBe(1);
    });
  });

  describe('live test', () => {
    it('records success for a generic provider', async () => {
      const created = await create({ type: 'crm', provider: 'generic', name: 'Testable' });
      const res = await as(s.owner).post(`/provider-configs/${created.id}/test`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ lastTestResult: 'succeeded', version: 1 });
      expect(res.body.lastTestMessage).toEqual(expect.any(String));
      expect(new Date(res.body.lastTestedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it('connects and logs in to the SMTP server of the URL; a refusal or a dead port is recorded as failed', async () => {
      const url = (password: string, port = smtp.port) => `smtp://user:${password}@127.0.0.1:${port}`;
      const good = await create({
        type: 'email',
        provider: 'smtp',
        name: 'SMTP',
        credentials: { url: url(SMTP_PASSWORD) },
      });
      const ok = await as(s.owner).post(`/provider-configs/${good.id}/test`);
      expect(ok.body).toMatchObject({ lastTestResult: 'succeeded', credentials: { url: 'set' } });

      const wrong = await create({
        type: 'email',
        provider: 'smtp',
        name: 'SMTP wrong password',
        credentials: { url: url(`${SMTP_PASSWORD}-wrong`) },
      });
      const refused = await as(s.owner).post(`/provider-configs/${wrong.id}/test`);
      expect(refused.body.lastTestResult).toBe('failed');
      expect(refused.body.lastTestMessage).toMatch(/535|Invalid login/);

      // A port nothing listens on (the server's own, once closed).
      const closed = await startSmtpServer();
      await new Promise((resolve) => closed.server.close(resolve));
      const dead = await create({
        type: 'email',
        provider: 'smtp',
        name: 'SMTP down',
        credentials: { url: url(SMTP_PASSWORD, closed.port) },
      });
      const down = await as(s.owner).post(`/provider-configs/${dead.id}/test`);
      expect(down.status).toBe(200);
      expect(down.body.lastTestResult).toBe('failed');
      expect(down.body.lastTestMessage).toMatch(/ECONNREFUSED/);
    });
  });

  describe('tenancy and permissions', () => {
    it('company B can neither read nor change company A’s configurations (404), nor see them listed', async () => {
      const mine = await create({
        type: 'crm',
        provider: 'generic',
        name: 'A only',
        credentials: { apiKey: API_KEY },
      });
      const b = as(s.other);
      const path = `/provider-configs/${mine.id}`;
      expect((await b.get(path)).status).toBe(404);
      expect((await b.patch(path, { name: 'hijack', credentials: { apiKey: 'x-y-z-w' } })).status).toBe(404);
      expect((await b.post(`${path}/activate`)).status).toBe(404);
      expect((await b.post(`${path}/deactivate`)).status).toBe(404);
      expect((await b.post(`${path}/test`)).status).toBe(404);
      expect((await b.post(`${path}/rotate-inbound-secret`)).status).toBe(404);
      expect((await b.delete(path)).status).toBe(404);
      expect((await b.get('/provider-configs')).body.data).toEqual([]);
      const after = await as(s.owner).get(path);
      expect(after.body).toMatchObject({ name: 'A only', version: 1, active: false });

      // B's own configuration of the same type is independent, even active.
      const theirs = await b.post('/provider-configs', {
        type: 'crm',
        provider: 'generic',
        name: 'B crm',
        active: true,
      });
      expect(theirs.status).toBe(201);
      expect((await as(s.owner).get(`/provider-configs/${theirs.body.id}`)).status).toBe(404);
    });

    it('needs platform.provider.read / .manage: a viewer gets 403, a user without a company 403', async () => {
      const created = await create({ type: 'crm', provider: 'generic', name: 'Guarded' });
      const viewer = as(s.viewer);
      expect((await viewer.get('/provider-configs')).status).toBe(403);
      expect((await viewer.get(`/provider-configs/${created.id}`)).status).toBe(403);
      expect(
        (await viewer.post('/provider-configs', { type: 'crm', provider: 'generic', name: 'v' })).status,
      ).toBe(403);
      expect((await viewer.post(`/provider-configs/${created.id}/activate`)).status).toBe(403);
      expect((await as(s.loner).get('/provider-configs')).status).toBe(403);
      expect((await t.http.get('/api/v1/provider-configs')).status).toBe(401);
    });
  });

  describe('secrets stay secret', () => {
    it('no response, log line or audit row ever holds a credential value', async () => {
      const logged = logs.text();
      expect(logged).toContain('/api/v1/provider-configs'); // the capture works: requests were logged
      const audit: Array<{ text: string }> = await t.dataSource.query(
        `SELECT coalesce(changes::text, '') || coalesce(snapshot::text, '') AS text FROM platform.audit_logs`,
      );
      const everything = [...responses, logged, ...audit.map((row) => row.text)].join('\n');
      for (const secret of [API_KEY, ACCOUNT_SECRET, SMTP_PASSWORD, ROTATED_KEY, 'tk-5d4c3b2a1f']) {
        expect(everything).not.toContain(secret);
      }
      // Inbound secrets appear in exactly one response each: the create or rotate that made them.
      const secrets = responses.flatMap((text) => text.match(/whsec_[A-Za-z0-9+/=]+/g) ?? []);
      expect(secrets.length).toBeGreaterThan(0);
      expect(new Set(secrets).size).toBe(secrets.length);
      expect(logged).not.toMatch(/whsec_/);
    });
  });

  describe('provider-configs:reencrypt', () => {
    /** The CLI as `npm run cli` builds it, on this file's database, with a given key configuration. */
    async function reencrypt(env: Record<string, string>): Promise<string> {
      const printed: string[] = [];
      const provide: ProvideDatabase = () =>
        Promise.resolve({ url: t.database.url, description: 'test', stop: () => Promise.resolve() });
      const cli = await Test.createTestingModule({ imports: [CliModule] })
        .overrideProvider(PROVIDE_DATABASE)
        .useValue(provide)
        .overrideProvider(Terminal)
        .useValue({ print: (text: string) => printed.push(text), note: () => undefined })
        .compile();
      const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
      Object.assign(process.env, env);
      try {
        await cli.get(ProviderConfigsReencryptCommand).run();
        return printed.join('\n');
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
        await cli.close();
      }
    }

    const rotated = { ENCRYPTION_KEY: K2, ENCRYPTION_KEY_ID: 'k2', ENCRYPTION_PREVIOUS_KEYS: `k1:${K1}` };

    it('re-seals every row (deleted ones too) under the current key; a second run finds nothing', async () => {
      const rows: Array<{ id: string; credentials_ciphertext: string; inbound_secret_ciphertext: string }> =
        await t.dataSource.query(
          `SELECT id, credentials_ciphertext, inbound_secret_ciphertext FROM platform.provider_configs ORDER BY id`,
        );
      const old = boxOf({ k1: K1 }, 'k1');
      const before = rows.map((row) => ({
        id: row.id,
        credentials: old.decrypt(row.credentials_ciphertext, aad(row.id, 'credentials')),
        inboundSecret: old.decrypt(row.inbound_secret_ciphertext, aad(row.id, 'inbound_secret')),
      }));
      expect(before.length).toBeGreaterThan(10);

      expect(await reencrypt(rotated)).toBe(
        `Re-encrypted ${before.length} provider configuration(s) under key "k2"`,
      );

      const box = boxOf({ k2: K2 }, 'k2'); // the new key alone opens everything now
      const after: Array<StoredRow & { id: string }> = await t.dataSource.query(
        `SELECT id, credentials_ciphertext, inbound_secret_ciphertext, encryption_key_id FROM platform.provider_configs ORDER BY id`,
      );
      expect(after.map((row) => row.encryption_key_id)).toEqual(before.map(() => 'k2'));
      expect(
        after.map((row) => ({
          id: row.id,
          credentials: box.decrypt(row.credentials_ciphertext, aad(row.id, 'credentials')),
          inboundSecret: box.decrypt(row.inbound_secret_ciphertext, aad(row.id, 'inbound_secret')),
        })),
      ).toEqual(before);

      expect(await reencrypt(rotated)).toBe('Re-encrypted 0 provider configuration(s) under key "k2"');
    });

    it('stops with a clear message when a row is sealed with a key it was not given', async () => {
      const [row]: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM platform.provider_configs ORDER BY id LIMIT 1`,
      );
      const unknown = boxOf({ k0: keyOf(0) }, 'k0');
      await t.dataSource.query(
        `UPDATE platform.provider_configs
            SET credentials_ciphertext = $2, inbound_secret_ciphertext = $3, encryption_key_id = 'k0' WHERE id = $1`,
        [
          row.id,
          unknown.encrypt('{}', aad(row.id, 'credentials')),
          unknown.encrypt('whsec_x', aad(row.id, 'inbound_secret')),
        ],
      );
      const failure = reencrypt(rotated);
      await expect(failure).rejects.toThrow(CliError);
      await expect(failure).rejects.toThrow(/sealed with key "k0".*ENCRYPTION_PREVIOUS_KEYS/);
    });
  });
});
