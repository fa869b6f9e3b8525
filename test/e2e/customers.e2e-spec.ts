import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContextStore } from '@libs/core';
import { CustomerDirectory } from '../../src/modules/customers';
import {
  asUser,
  createCompany,
  setUpTenants,
  signUp,
  switchCompany,
  type Tenants,
  tokenFromMail,
  type TestUser,
} from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/** A JSON body as supertest hands it over. */
type Body = Awaited<ReturnType<TestApp['http']['get']>>['body'];

/** Runs `work` inside a request context of `companyId` (what the auth guard sets up over HTTP). */
function inCompany<T>(companyId: string, work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  return cls.run(async () => {
    cls.set('companyId', companyId);
    cls.set('actor', { type: 'system', id: null });
    return work();
  });
}

describe('customers (SPEC §5)', () => {
  let t: TestApp;
  let s: Tenants;
  /** A member of company A whose role holds customers.customer.read/write with scope `own`. */
  let rep: TestUser;

  const api = (user: TestUser) => asUser(t, user);

  /** Expects a problem+json answer with this status and code, and (optionally) these `errors[].path`. */
  function expectProblem(
    res: { status: number; body: Body; headers: Body },
    status: number,
    code: string,
    paths?: string[],
  ) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    // One entry per failing rule: a field breaking two rules is named twice.
    if (paths) expect([...new Set(res.body.errors.map((e: { path: string }) => e.path))]).toEqual(paths);
  }

  async function createCustomer(user: TestUser, body: Body): Promise<Body> {
    const res = await api(user).post('/customers').send(body);
    if (res.status !== 201) throw new Error(`create customer: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function createTag(user: TestUser, name: string): Promise<Body> {
    const res = await api(user).post('/tags').send({ name, color: '#112233' });
    if (res.status !== 201) throw new Error(`create tag: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function outboxTypes(aggregateId: string): Promise<string[]> {
    const rows: Array<{ type: string }> = await t.dataSource.query(
      `SELECT type FROM platform.outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [aggregateId],
    );
    return rows.map((r) => r.type);
  }

  /** Invites `user` into the owner's active company with a custom role, accepts, switches the user in. */
  async function joinWithRole(owner: TestUser, user: TestUser, roleId: string): Promise<TestUser> {
    expect((await api(owner).post('/invitations').send({ email: user.email, roleId })).status).toBe(201);
    const token = await tokenFromMail(t, user.email, 'invitation');
    expect((await api(user).post('/invitations/accept').send({ token })).status).toBe(200);
    return switchCompany(t, user, owner.companyId as string);
  }

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
    const role = await api(s.owner)
      .post('/roles')
      .send({
        name: 'Own customers',
        permissions: [
          { key: 'customers.customer.read', scope: 'own' },
          { key: 'customers.customer.write', scope: 'own' },
          { key: 'customers.tag.read' },
        ],
      });
    expect(role.status).toBe(201);
    rep = await joinWithRole(s.owner, await signUp(t, { name: 'Rep A' }), role.body.id as string);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /customers and GET /customers/:id', () => {
    it('creates a person with nested contact points, addresses and tags in one go, and reads it back the same', async () => {
      const vip = await createTag(s.owner, 'VIP');
      const res = await api(s.owner)
        .post('/customers')
        .send({
          kind: 'person',
          givenName: 'Ann',
          familyName: 'Smith',
          email: 'Ann.Smith@Example.COM',
          phone: '(02) 9123 4567',
          tier: 'gold',
          attributes: { segment: 'retail', score: 7 },
          contactPoints: [
            { type: 'email', value: 'ann@home.example', label: 'home' },
            { type: 'other', value: 'skype:ann' },
          ],
          addresses: [
            { type: 'billing', line1: '1 George Street', city: 'Sydney', countryCode: 'au', isDefault: true },
          ],
          tagIds: [vip.id],
        });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('W/"1"');
      const created = res.body;
      expect(created).toMatchObject({
        kind: 'person',
        displayName: 'Ann Smith',
        email: 'ann.smith@example.com',
        phone: '+61291234567',
        tier: 'gold',
        status: 'active',
        blocked: false,
        ownerId: null,
        attributes: { segment: 'retail', score: 7 },
        tagIds: [vip.id],
        tags: [{ id: vip.id, name: 'VIP', color: '#112233' }],
        identities: [],
        createdBy: s.owner.id,
        version: 1,
        deletedAt: null,
      });
      // email and phone are the primaries: not among the listed points, they were added as primaries
      // (the listed e-mail stays, as a secondary); "other" got its first point as primary.
      expect(created.contactPoints.map((p: Body) => [p.type, p.value, p.isPrimary, p.label]).sort()).toEqual(
        [
          ['email', 'ann.smith@example.com', true, null],
          ['email', 'ann@home.example', false, 'home'],
          ['other', 'skype:ann', true, null],
          ['phone', '+61291234567', true, null],
        ].sort(),
      );
      expect(created.addresses).toEqual([
        expect.objectContaining({
          type: 'billing',
          line1: '1 George Street',
          countryCode: 'AU',
          isDefault: true,
        }),
      ]);

      const read = await api(s.owner).get(`/customers/${created.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('W/"1"');
      expect(read.body).toEqual(created);
      expect(await outboxTypes(created.id)).toEqual(['customer.created']);
    });

    it('creates a business and links a person to it; organizationId rules answer 400 naming the field', async () => {
      const acme = await createCustomer(s.owner, {
        kind: 'business',
        displayName: 'Acme Pty Ltd',
        legalName: 'Acme',
      });
      const person = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Bob',
        organizationId: acme.id,
      });
      expect(person.organizationId).toBe(acme.id);

      const notBusiness = await api(s.owner)
        .post('/customers')
        .send({ kind: 'person', displayName: 'C', organizationId: person.id });
      expectProblem(notBusiness, 400, 'validation_failed', ['organizationId']);
      const onBusiness = await api(s.owner)
        .post('/customers')
        .send({ kind: 'business', displayName: 'D', organizationId: acme.id });
      expectProblem(onBusiness, 400, 'not_applicable', ['organizationId']);
      const unknown = await api(s.owner)
        .post('/customers')
        .send({ kind: 'person', displayName: 'E', organizationId: '01900000-0000-7000-8000-00000000abcd' });
      expectProblem(unknown, 400, 'reference_not_found', ['organizationId']);
      const self = await api(s.owner).patch(`/customers/${person.id}`).send({ organizationId: person.id });
      expectProblem(self, 400, 'validation_failed', ['organizationId']);
    });

    it('answers every bad input with 400 naming the field', async () => {
      const cases: Array<[Body, string, string[]]> = [
        [{ displayName: 'No kind' }, 'validation_failed', ['kind']],
        [{ kind: 'robot', displayName: 'X' }, 'validation_failed', ['kind']],
        [{ kind: 'business' }, 'required', ['displayName']],
        [{ kind: 'person', displayName: 'x'.repeat(201) }, 'validation_failed', ['displayName']],
        [{ kind: 'business', displayName: 'B', givenName: 'Ann' }, 'not_applicable', ['givenName']],
        [{ kind: 'person', displayName: 'P', taxId: '123' }, 'not_applicable', ['taxId']],
        [{ kind: 'person', displayName: 'P', email: 'not-an-email' }, 'validation_failed', ['email']],
        [{ kind: 'person', displayName: 'P', phone: '12' }, 'invalid_phone', ['phone']],
        [{ kind: 'person', displayName: 'P', tier: 'diamond' }, 'validation_failed', ['tier']],
        [
          {
            kind: 'person',
            displayName: 'P',
            contactPoints: [
              { type: 'email', value: 'a@b.test' },
              { type: 'email', value: 'nope' },
            ],
          },
          'is_email',
          ['contactPoints[1].value'],
        ],
        [
          { kind: 'person', displayName: 'P', contactPoints: [{ type: 'phone', value: 'call me' }] },
          'invalid_phone',
          ['contactPoints[0].value'],
        ],
        [
          {
            kind: 'person',
            displayName: 'P',
            addresses: [{ type: 'billing', line1: 'x', countryCode: 'ZZ' }],
          },
          'reference_not_found',
          ['addresses[0].countryCode'],
        ],
        [
          { kind: 'person', displayName: 'P', addresses: [{ type: 'billing' }] },
          'validation_failed',
          ['addresses[0].line1'],
        ],
        [
          { kind: 'person', displayName: 'P', tagIds: ['01900000-0000-7000-8000-000000000001', 'nope'] },
          'validation_failed',
          ['tagIds'],
        ],
        [
          { kind: 'person', displayName: 'P', attributes: { '1bad': true } },
          'validation_failed',
          ['attributes'],
        ],
        [{ kind: 'person', displayName: 'P', attributes: ['a'] }, 'validation_failed', ['attributes']],
        [
          { kind: 'person', displayName: 'P', attributes: { big: 'x'.repeat(16 * 1024) } },
          'validation_failed',
          ['attributes'],
        ],
        [{ kind: 'person', displayName: 'P', ownerId: s.other.id }, 'reference_not_found', ['ownerId']],
        [{ kind: 'person', displayName: 'P', companyId: s.companyB.id }, 'validation_failed', ['companyId']],
      ];
      for (const [body, code, paths] of cases) {
        const res = await api(s.owner).post('/customers').send(body);
        expect({
          body,
          status: res.status,
          code: res.body.code,
          paths: [...new Set(res.body.errors?.map((e: Body) => e.path))],
        }).toEqual({
          body,
          status: 400,
          code,
          paths,
        });
      }
      const attributeError = await api(s.owner)
        .post('/customers')
        .send({ kind: 'person', displayName: 'P', attributes: { '1bad': 1 } });
      expect(attributeError.body.errors[0].code).toBe('invalid_attributes');
    });

    it('refuses an unknown tag with reference_not_found naming tagIds[i]', async () => {
      const tag = await createTag(s.owner, 'Known');
      const res = await api(s.owner)
        .post('/customers')
        .send({ kind: 'person', displayName: 'P', tagIds: [tag.id, '01900000-0000-7000-8000-000000000001'] });
      expectProblem(res, 400, 'reference_not_found', ['tagIds[1]']);
    });

    it('accepts an active member as owner', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Owned',
        ownerId: s.viewer.id,
      });
      expect(customer.ownerId).toBe(s.viewer.id);
    });

    it('answers 404 for an unknown id and 400 invalid_id for a malformed one', async () => {
      expectProblem(
        await api(s.owner).get('/customers/01900000-0000-7000-8000-000000000001'),
        404,
        'not_found',
      );
      expectProblem(await api(s.owner).get('/customers/not-a-uuid'), 400, 'invalid_id', ['id']);
    });
  });

  describe('PATCH /customers/:id', () => {
    it('changes fields under If-Match, bumps the version and answers 412 to a stale ETag', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Patchy',
        attributes: { a: 1 },
      });
      const res = await api(s.owner)
        .patch(`/customers/${customer.id}`)
        .set('If-Match', 'W/"1"')
        .send({ displayName: 'Patched', tier: 'silver', attributes: { b: 'x' }, status: 'inactive' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({
        displayName: 'Patched',
        tier: 'silver',
        attributes: { b: 'x' },
        status: 'inactive',
        version: 2,
      });
      expect(res.body.updatedBy).toBe(s.owner.id);

      const stale = await api(s.owner)
        .patch(`/customers/${customer.id}`)
        .set('If-Match', 'W/"1"')
        .send({ displayName: 'Lost' });
      expectProblem(stale, 412, 'precondition_failed');
      expect(stale.body.currentEtag).toBe('W/"2"');
      expect(await outboxTypes(customer.id)).toEqual(['customer.created', 'customer.updated']);
    });

    it('refuses kind (immutable), nulls of required fields and fields of the other kind', async () => {
      const customer = await createCustomer(s.owner, { kind: 'person', displayName: 'Fixed' });
      expectProblem(
        await api(s.owner).patch(`/customers/${customer.id}`).send({ kind: 'business' }),
        400,
        'validation_failed',
        ['kind'],
      );
      expectProblem(
        await api(s.owner).patch(`/customers/${customer.id}`).send({ displayName: null }),
        400,
        'required',
        ['displayName'],
      );
      expectProblem(
        await api(s.owner).patch(`/customers/${customer.id}`).send({ website: 'https://x.test' }),
        400,
        'not_applicable',
        ['website'],
      );
      expectProblem(
        await api(s.owner).patch(`/customers/${customer.id}`).send({ phone: 'nope' }),
        400,
        'invalid_phone',
        ['phone'],
      );
      expectProblem(
        await api(s.owner).patch(`/customers/${customer.id}`).send({ ownerId: s.other.id }),
        400,
        'reference_not_found',
        ['ownerId'],
      );
      expect((await api(s.owner).get(`/customers/${customer.id}`)).body.version).toBe(1);
    });
  });

  describe('primary contact points mirror email and phone', () => {
    it('first of a type is primary; marking another primary unmarks it; deleting the primary promotes the oldest', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Mirror',
        email: 'one@x.test',
      });
      const c = api(s.owner);
      const path = `/customers/${customer.id}/contact-points`;

      const two = await c.post(path).set('If-Match', 'W/"1"').send({ type: 'email', value: 'TWO@x.test' });
      expect(two.status).toBe(201);
      expect(two.headers.etag).toBe('W/"2"');
      expect(two.body).toMatchObject({ value: 'two@x.test', isPrimary: false });
      const three = await c.post(path).send({ type: 'email', value: 'three@x.test' });
      expect(three.headers.etag).toBe('W/"3"');

      const firstPhone = await c.post(path).send({ type: 'phone', value: '0412 345 678' });
      expect(firstPhone.body).toMatchObject({ value: '+61412345678', isPrimary: true });
      expect((await c.get(`/customers/${customer.id}`)).body.phone).toBe('+61412345678');

      const promote = await c.patch(`${path}/${three.body.id}`).send({ isPrimary: true });
      expect(promote.status).toBe(200);
      expect(promote.body.isPrimary).toBe(true);
      let detail = (await c.get(`/customers/${customer.id}`)).body;
      expect(detail.email).toBe('three@x.test');
      expect(detail.contactPoints.filter((p: Body) => p.type === 'email' && p.isPrimary)).toHaveLength(1);

      const removed = await c.delete(`${path}/${three.body.id}`);
      expect(removed.status).toBe(204);
      detail = (await c.get(`/customers/${customer.id}`)).body;
      expect(detail.email).toBe('one@x.test'); // the oldest remaining e-mail point
      expect(removed.headers.etag).toBe(`W/"${detail.version}"`);

      const list = await c.get(path);
      expect(list.status).toBe(200);
      expect(list.headers.etag).toBe(`W/"${detail.version}"`);
      expect(list.body.data.map((p: Body) => [p.value, p.isPrimary])).toEqual([
        ['one@x.test', true],
        ['two@x.test', false],
        ['+61412345678', true],
      ]);
    });

    it('PATCH email upserts the primary: an existing value becomes primary, else the primary changes, null removes it', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Upsert',
        contactPoints: [
          { type: 'email', value: 'a@x.test' },
          { type: 'email', value: 'b@x.test' },
        ],
      });
      const c = api(s.owner);
      expect(customer.email).toBe('a@x.test');
      let res = await c.patch(`/customers/${customer.id}`).send({ email: 'b@x.test' });
      expect(res.body.email).toBe('b@x.test');
      expect(res.body.contactPoints.map((p: Body) => [p.value, p.isPrimary])).toEqual([
        ['a@x.test', false],
        ['b@x.test', true],
      ]);
      res = await c.patch(`/customers/${customer.id}`).send({ email: 'C@x.test' });
      expect(res.body.email).toBe('c@x.test');
      expect(res.body.contactPoints.map((p: Body) => [p.value, p.isPrimary])).toEqual([
        ['a@x.test', false],
        ['c@x.test', true],
      ]);
      res = await c.patch(`/customers/${customer.id}`).send({ email: null });
      expect(res.body.email).toBe('a@x.test');
      res = await c.patch(`/customers/${customer.id}`).send({ email: null, phone: '+61291234567' });
      expect(res.body).toMatchObject({ email: null, phone: '+61291234567' });
      expect(res.body.contactPoints.map((p: Body) => [p.type, p.value, p.isPrimary])).toEqual([
        ['phone', '+61291234567', true],
      ]);
    });

    it('refuses a duplicate (409), unmarking a primary (400), a bad value (400) and a stale If-Match (412)', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Dup',
        email: 'd@x.test',
      });
      const path = `/customers/${customer.id}/contact-points`;
      const c = api(s.owner);
      expectProblem(
        await c.post(path).send({ type: 'email', value: 'D@x.test' }),
        409,
        'contact_point_taken',
        ['value'],
      );
      const [primary] = (await c.get(path)).body.data;
      expectProblem(
        await c.patch(`${path}/${primary.id}`).send({ isPrimary: false }),
        400,
        'validation_failed',
        ['isPrimary'],
      );
      expectProblem(await c.post(path).send({ type: 'email', value: 'nope' }), 400, 'is_email', ['value']);
      expectProblem(await c.post(path).send({ type: 'fax', value: '1' }), 400, 'validation_failed', ['type']);
      expectProblem(
        await c.post(path).set('If-Match', 'W/"9"').send({ type: 'other', value: 'x' }),
        412,
        'precondition_failed',
      );
      const other = await c.post(path).send({ type: 'email', value: 'e@x.test' });
      expectProblem(
        await c.patch(`${path}/${other.body.id}`).send({ value: 'd@x.test' }),
        409,
        'contact_point_taken',
        ['value'],
      );
      expectProblem(await c.delete(`${path}/01900000-0000-7000-8000-000000000001`), 404, 'not_found');
      expect((await c.get(`/customers/${customer.id}`)).body.email).toBe('d@x.test');
    });
  });

  describe('addresses', () => {
    it('adds, changes and deletes addresses, one default per type, each change bumping the customer', async () => {
      const customer = await createCustomer(s.owner, { kind: 'business', displayName: 'Shipper' });
      const c = api(s.owner);
      const path = `/customers/${customer.id}/addresses`;
      const first = await c
        .post(path)
        .set('If-Match', 'W/"1"')
        .send({ type: 'shipping', line1: '1 A St', isDefault: true });
      expect(first.status).toBe(201);
      expect(first.headers.etag).toBe('W/"2"');
      const second = await c
        .post(path)
        .send({ type: 'shipping', line1: '2 B St', countryCode: 'NZ', isDefault: true });
      expect(second.body).toMatchObject({ isDefault: true, countryCode: 'NZ', line2: null });
      let list = (await c.get(path)).body.data;
      expect(list.map((a: Body) => [a.line1, a.isDefault])).toEqual([
        ['1 A St', false],
        ['2 B St', true],
      ]);
      const patched = await c
        .patch(`${path}/${first.body.id}`)
        .set('If-Match', 'W/"3"')
        .send({ city: 'Perth', isDefault: true });
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('W/"4"');
      expect(patched.body).toMatchObject({ city: 'Perth', isDefault: true });
      list = (await c.get(path)).body.data;
      expect(list.map((a: Body) => a.isDefault)).toEqual([true, false]);

      expectProblem(
        await c.patch(`${path}/${first.body.id}`).send({ countryCode: 'ZZ' }),
        400,
        'reference_not_found',
        ['countryCode'],
      );
      expectProblem(await c.patch(`${path}/${first.body.id}`).send({ line1: null }), 400, 'required', [
        'line1',
      ]);
      expectProblem(await c.post(path).send({ type: 'home', line1: 'x' }), 400, 'validation_failed', [
        'type',
      ]);
      expect((await c.delete(`${path}/${second.body.id}`)).status).toBe(204);
      expect((await c.get(path)).body.data).toHaveLength(1);
      expectProblem(await c.delete(`${path}/${second.body.id}`), 404, 'not_found');
      expectProblem(
        await c.post('/customers').send({
          kind: 'person',
          displayName: 'Two defaults',
          addresses: [
            { type: 'billing', line1: 'a', isDefault: true },
            { type: 'billing', line1: 'b', isDefault: true },
          ],
        }),
        400,
        'duplicate',
        ['addresses[1].isDefault'],
      );
    });
  });

  describe('identities', () => {
    it('normalises per channel and answers 409 identity_taken with the holder', async () => {
      const ann = await createCustomer(s.owner, { kind: 'person', displayName: 'WA Ann' });
      const bob = await createCustomer(s.owner, { kind: 'person', displayName: 'WA Bob' });
      const c = api(s.owner);
      const wa = await c
        .post(`/customers/${ann.id}/identities`)
        .set('If-Match', 'W/"1"')
        .send({
          channel: 'whatsapp',
          externalId: '61412000111',
          displayName: 'Ann',
          metadata: { 'wa-id': '61412000111' },
        });
      expect(wa.status).toBe(201);
      expect(wa.headers.etag).toBe('W/"2"');
      expect(wa.body).toMatchObject({
        channel: 'whatsapp',
        externalId: '+61412000111',
        metadata: { 'wa-id': '61412000111' },
      });
      const mail = await c
        .post(`/customers/${ann.id}/identities`)
        .send({ channel: 'email', externalId: ' Ann@Mail.TEST ' });
      expect(mail.body.externalId).toBe('ann@mail.test');

      const taken = await c
        .post(`/customers/${bob.id}/identities`)
        .send({ channel: 'whatsapp', externalId: '+61 412 000 111' });
      expectProblem(taken, 409, 'identity_taken');
      expect(taken.body.existingCustomerId).toBe(ann.id);
      expectProblem(
        await c.post(`/customers/${bob.id}/identities`).send({ channel: 'sms', externalId: 'abc' }),
        400,
        'invalid_phone',
        ['externalId'],
      );
      expectProblem(
        await c.post(`/customers/${bob.id}/identities`).send({ channel: 'fax', externalId: 'abc' }),
        400,
        'validation_failed',
        ['channel'],
      );

      expect((await c.get(`/customers/${ann.id}/identities`)).body.data).toHaveLength(2);
      expect((await c.get(`/customers/${ann.id}`)).body.identities).toHaveLength(2);
      expect((await c.delete(`/customers/${ann.id}/identities/${wa.body.id}`)).status).toBe(204);
      const moved = await c
        .post(`/customers/${bob.id}/identities`)
        .send({ channel: 'whatsapp', externalId: '+61412000111' });
      expect(moved.status).toBe(201);
    });

    it('keeps the identities of a deleted customer: they still block others', async () => {
      const gone = await createCustomer(s.owner, { kind: 'person', displayName: 'Gone' });
      const next = await createCustomer(s.owner, { kind: 'person', displayName: 'Next' });
      const c = api(s.owner);
      await c
        .post(`/customers/${gone.id}/identities`)
        .send({ channel: 'web_chat', externalId: 'visitor-42' });
      expect((await c.delete(`/customers/${gone.id}`)).status).toBe(204);
      const taken = await c
        .post(`/customers/${next.id}/identities`)
        .send({ channel: 'web_chat', externalId: 'visitor-42' });
      expectProblem(taken, 409, 'identity_taken');
      expect(taken.body.existingCustomerId).toBe(gone.id);
    });
  });

  describe('tags', () => {
    it('creates, lists (q, cursor), renames and deletes tags; names are unique ignoring case', async () => {
      const c = api(s.owner);
      const gold = await createTag(s.owner, '  Gold member ');
      expect(gold).toMatchObject({ name: 'Gold member', color: '#112233', version: 1 });
      expectProblem(await c.post('/tags').send({ name: 'GOLD MEMBER' }), 409, 'tag_name_taken', ['name']);
      expectProblem(await c.post('/tags').send({ name: '' }), 400, 'validation_failed', ['name']);
      expectProblem(await c.post('/tags').send({ name: 'x', color: 'red' }), 400, 'validation_failed', [
        'color',
      ]);
      const silver = await createTag(s.owner, 'Silver member');

      const found = await c.get('/tags?q=member&limit=1');
      expect(found.status).toBe(200);
      expect(found.body.data.map((tag: Body) => tag.name)).toEqual(['Gold member']);
      const next = await c.get(`/tags?q=member&limit=1&cursor=${found.body.page.nextCursor}`);
      expect(next.body.data.map((tag: Body) => tag.name)).toEqual(['Silver member']);
      expect((await c.get('/tags?q=50%25')).body.data).toEqual([]);

      expectProblem(
        await c.patch(`/tags/${silver.id}`).send({ name: 'gold MEMBER' }),
        409,
        'tag_name_taken',
        ['name'],
      );
      const renamed = await c
        .patch(`/tags/${silver.id}`)
        .set('If-Match', 'W/"1"')
        .send({ name: 'Platinum member', color: null });
      expect(renamed.status).toBe(200);
      expect(renamed.headers.etag).toBe('W/"2"');
      expect(renamed.body).toMatchObject({ name: 'Platinum member', color: null, version: 2 });
      expectProblem(
        await c.patch(`/tags/${silver.id}`).set('If-Match', 'W/"1"').send({ name: 'Late' }),
        412,
        'precondition_failed',
      );
      expectProblem(
        await c.delete(`/tags/${silver.id}`).set('If-Match', 'W/"1"'),
        412,
        'precondition_failed',
      );
      expect((await c.delete(`/tags/${silver.id}`).set('If-Match', 'W/"2"')).status).toBe(204);
      expectProblem(await c.delete(`/tags/${silver.id}`), 404, 'not_found');
    });

    it('attaches and detaches tags on a customer; deleting a tag detaches it from every customer', async () => {
      const c = api(s.owner);
      const tag = await createTag(s.owner, 'Wholesale');
      const customer = await createCustomer(s.owner, { kind: 'business', displayName: 'Tagged Co' });
      const attached = await c
        .post(`/customers/${customer.id}/tags`)
        .set('If-Match', 'W/"1"')
        .send({ tagId: tag.id });
      expect(attached.status).toBe(200);
      expect(attached.headers.etag).toBe('W/"2"');
      expect(attached.body.tags).toEqual([{ id: tag.id, name: 'Wholesale', color: '#112233' }]);
      const again = await c.post(`/customers/${customer.id}/tags`).send({ tagId: tag.id });
      expect(again.headers.etag).toBe('W/"2"');

      const filtered = await c.get(`/customers?tagId=${tag.id}`);
      expect(filtered.body.data.map((x: Body) => x.id)).toEqual([customer.id]);
      expect(filtered.body.data[0].tagIds).toEqual([tag.id]);

      expectProblem(
        await c
          .post(`/customers/${customer.id}/tags`)
          .send({ tagId: '01900000-0000-7000-8000-000000000001' }),
        400,
        'reference_not_found',
        ['tagId'],
      );
      const detached = await c.delete(`/customers/${customer.id}/tags/${tag.id}`).set('If-Match', 'W/"2"');
      expect(detached.status).toBe(204);
      expect(detached.headers.etag).toBe('W/"3"');
      expectProblem(await c.delete(`/customers/${customer.id}/tags/${tag.id}`), 404, 'not_found');

      await c.post(`/customers/${customer.id}/tags`).send({ tagId: tag.id });
      expect((await c.delete(`/tags/${tag.id}`)).status).toBe(204);
      expect((await c.get(`/customers/${customer.id}`)).body).toMatchObject({ tagIds: [], tags: [] });
    });
  });

  describe('block, delete and restore', () => {
    it('blocks with a reason and unblocks; repeating either is 409 invalid_transition', async () => {
      const customer = await createCustomer(s.owner, { kind: 'person', displayName: 'Blocky' });
      const c = api(s.owner);
      expectProblem(await c.post(`/customers/${customer.id}/block`).send({}), 400, 'validation_failed', [
        'reason',
      ]);
      expectProblem(
        await c.post(`/customers/${customer.id}/block`).set('If-Match', 'W/"7"').send({ reason: 'x' }),
        412,
        'precondition_failed',
      );
      const blocked = await c
        .post(`/customers/${customer.id}/block`)
        .set('If-Match', 'W/"1"')
        .send({ reason: ' Fraud ' });
      expect(blocked.status).toBe(200);
      expect(blocked.headers.etag).toBe('W/"2"');
      expect(blocked.body).toMatchObject({ blocked: true, blockedReason: 'Fraud' });
      expect(blocked.body.blockedAt).toEqual(expect.any(String));
      const again = await c.post(`/customers/${customer.id}/block`).send({ reason: 'again' });
      expectProblem(again, 409, 'invalid_transition');
      expect(again.body).toMatchObject({ currentState: 'blocked', allowed: ['unblock'] });
      expect((await c.get(`/customers?blocked=true`)).body.data.map((x: Body) => x.id)).toContain(
        customer.id,
      );

      const unblocked = await c.post(`/customers/${customer.id}/unblock`);
      expect(unblocked.status).toBe(200);
      expect(unblocked.body).toMatchObject({
        blocked: false,
        blockedAt: null,
        blockedReason: null,
        version: 3,
      });
      expectProblem(await c.post(`/customers/${customer.id}/unblock`), 409, 'invalid_transition');
    });

    it('soft-deletes (404 afterwards, listed with ?deleted=only) and restores', async () => {
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Phoenix',
        email: 'p@x.test',
      });
      const c = api(s.owner);
      expectProblem(
        await c.delete(`/customers/${customer.id}`).set('If-Match', 'W/"5"'),
        412,
        'precondition_failed',
      );
      expect((await c.delete(`/customers/${customer.id}`).set('If-Match', 'W/"1"')).status).toBe(204);
      const [row] = await t.dataSource.query(
        `SELECT deleted_at IS NOT NULL AS deleted, deleted_by, version FROM customers.customers WHERE id = $1`,
        [customer.id],
      );
      expect(row).toEqual({ deleted: true, deleted_by: s.owner.id, version: 2 });
      expectProblem(await c.get(`/customers/${customer.id}`), 404, 'not_found');
      expectProblem(await c.patch(`/customers/${customer.id}`).send({ tier: 'gold' }), 404, 'not_found');
      expectProblem(await c.delete(`/customers/${customer.id}`), 404, 'not_found');
      expect((await c.get('/customers?limit=100')).body.data.map((x: Body) => x.id)).not.toContain(
        customer.id,
      );
      const deleted = await c.get('/customers?deleted=only&limit=100');
      expect(deleted.status).toBe(200);
      expect(deleted.body.data.find((x: Body) => x.id === customer.id)?.deletedAt).toEqual(
        expect.any(String),
      );
      expectProblem(await api(s.viewer).get('/customers?deleted=only'), 403, 'forbidden');

      expectProblem(
        await c.post(`/customers/${customer.id}/restore`).set('If-Match', 'W/"1"'),
        412,
        'precondition_failed',
      );
      const restored = await c.post(`/customers/${customer.id}/restore`).set('If-Match', 'W/"2"');
      expect(restored.status).toBe(200);
      expect(restored.headers.etag).toBe('W/"3"');
      expect(restored.body).toMatchObject({
        id: customer.id,
        deletedAt: null,
        email: 'p@x.test',
        contactPoints: [expect.objectContaining({ value: 'p@x.test' })],
      });
      expectProblem(await c.post(`/customers/${customer.id}/restore`), 404, 'not_found');
      expect(await outboxTypes(customer.id)).toEqual([
        'customer.created',
        'customer.deleted',
        'customer.restored',
      ]);
    });
  });

  describe('GET /customers', () => {
    /** The only member of a company of its own, so the list holds exactly the rows made here. */
    let lister: TestUser;
    let ids: Record<string, string>;
    const names = (res: { body: Body }): string[] => res.body.data.map((x: Body) => x.displayName);
    const nameSet = (res: { body: Body }): string[] => names(res).sort();

    beforeAll(async () => {
      lister = await signUp(t, { name: 'Lister' });
      await createCompany(t, lister, { name: 'List Co' });
      const org = await createCustomer(lister, {
        kind: 'business',
        displayName: 'Annex Holdings',
        tier: 'platinum',
        attributes: { segment: 'b2b', seats: 40 },
      });
      ids = { 'Annex Holdings': org.id };
      const rows: Body[] = [
        {
          kind: 'person',
          displayName: 'ann',
          email: 'zed@x.test',
          tier: 'gold',
          attributes: { segment: 'retail', vip: true },
        },
        {
          kind: 'person',
          displayName: 'Anne Marie',
          organizationId: org.id,
          status: 'inactive',
          attributes: { segment: 'retail' },
        },
        { kind: 'business', displayName: 'Aardvark Annual' },
        { kind: 'person', displayName: 'Joanna', email: 'jo.ann@x.test', phone: '+61291234567' },
        { kind: 'person', displayName: 'Zoe 100%_sure' },
        { kind: 'business', displayName: 'Brand_New', ownerId: lister.id },
      ];
      for (const row of rows) ids[row.displayName as string] = (await createCustomer(lister, row)).id;
    });

    async function walk(query: string, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: Body } = await api(lister).get(
          `/customers?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(limit);
        seen.push(...names(page));
        cursor = page.body.page.nextCursor;
      } while (cursor);
      return seen;
    }

    it('sorts by name by default and walks every page with the cursor, in any sort', async () => {
      const all = await api(lister).get('/customers');
      expect(all.status).toBe(200);
      expect(all.body.page).toEqual({ limit: 20, nextCursor: null });
      const byName: Array<{ display_name: string }> = await t.dataSource.query(
        `SELECT display_name FROM customers.customers WHERE company_id = $1 ORDER BY display_name, id`,
        [lister.companyId],
      );
      expect(names(all)).toEqual(byName.map((r) => r.display_name));
      expect(all.body.data[0]).toEqual(
        expect.objectContaining({ tagIds: [], attributes: expect.any(Object), deletedAt: null, version: 1 }),
      );
      expect(all.body.data[0].contactPoints).toBeUndefined();
      expect(await walk('sort=name', 2)).toEqual(names(all));

      const newestFirst = Object.keys(ids).reverse();
      expect(await walk('sort=-createdAt', 3)).toEqual(newestFirst);
      expect(await walk('sort=createdAt', 4)).toEqual(Object.keys(ids));
      expect(await walk('sort=-updatedAt,name', 2)).toEqual(newestFirst);

      const withTotal = await api(lister).get('/customers?limit=2&withTotal=true&kind=person');
      expect(withTotal.body.page).toEqual({ limit: 2, nextCursor: expect.any(String), total: 4 });
    });

    it('filters by kind, tier, status, blocked, ownerId, organizationId and attr.<key>', async () => {
      const c = api(lister);
      expect(nameSet(await c.get('/customers?kind=business'))).toEqual([
        'Aardvark Annual',
        'Annex Holdings',
        'Brand_New',
      ]);
      expect(nameSet(await c.get('/customers?tier=gold,platinum'))).toEqual(['Annex Holdings', 'ann']);
      expect(nameSet(await c.get('/customers?status=inactive'))).toEqual(['Anne Marie']);
      expect(nameSet(await c.get('/customers?blocked=false&kind=business&tier=standard'))).toEqual([
        'Aardvark Annual',
        'Brand_New',
      ]);
      expect(nameSet(await c.get(`/customers?ownerId=${lister.id}`))).toEqual(['Brand_New']);
      expect(nameSet(await c.get(`/customers?organizationId=${ids['Annex Holdings']}`))).toEqual([
        'Anne Marie',
      ]);
      expect(nameSet(await c.get('/customers?attr.segment=retail'))).toEqual(['Anne Marie', 'ann']);
      expect(nameSet(await c.get('/customers?attr.segment=retail&attr.vip=true'))).toEqual(['ann']);
      expect(nameSet(await c.get('/customers?attr.seats=40'))).toEqual(['Annex Holdings']);
      expect(nameSet(await c.get('/customers?attr.seats=41'))).toEqual([]);
    });

    it('refuses bad filters, sorts and cursors with 400 naming the parameter', async () => {
      const c = api(lister);
      expectProblem(await c.get('/customers?kind=robot'), 400, 'validation_failed', ['kind']);
      expectProblem(await c.get('/customers?tagId=nope'), 400, 'validation_failed', ['tagId']);
      expectProblem(await c.get('/customers?blocked=maybe'), 400, 'validation_failed', ['blocked']);
      expectProblem(await c.get('/customers?attr.1bad=x'), 400, 'validation_failed', ['attr']);
      expectProblem(await c.get('/customers?sort=email'), 400, 'validation_failed', ['sort']);
      expectProblem(await c.get('/customers?limit=101'), 400, 'validation_failed', ['limit']);
      expectProblem(await c.get('/customers?colour=red'), 400, 'validation_failed', ['colour']);
      expectProblem(await c.get('/customers?deleted=yes'), 400, 'validation_failed', ['deleted']);
      expectProblem(await c.get(`/customers?q=${'x'.repeat(101)}`), 400, 'validation_failed', ['q']);
      const byName = await c.get('/customers?limit=1');
      const cursor = byName.body.page.nextCursor as string;
      expectProblem(
        await c.get(`/customers?limit=1&sort=-createdAt&cursor=${cursor}`),
        400,
        'cursor_mismatch',
        ['cursor'],
      );
      expectProblem(await c.get(`/customers?limit=1&q=ann&cursor=${cursor}`), 400, 'cursor_mismatch', [
        'cursor',
      ]);
      expectProblem(await c.get('/customers?cursor=garbage'), 400, 'cursor_invalid', ['cursor']);
    });

    it('q: case-insensitive substring of name, e-mail or phone, ranked exact > prefix > substring, paged with the rank', async () => {
      const c = api(lister);
      // exact name "ann"; prefix "Anne Marie", "Annex Holdings"; substring "Aardvark Annual", "Joanna" (jo.ann@)
      const ranked = ['ann', 'Anne Marie', 'Annex Holdings', 'Aardvark Annual', 'Joanna'];
      expect(names(await c.get('/customers?q=ANN'))).toEqual(ranked);
      expect(await walk('q=ann', 1)).toEqual(ranked);
      // Within a rank the requested sort applies (mixed directions: rank ascending, newest first).
      const rankedNewest = ['ann', 'Anne Marie', 'Annex Holdings', 'Joanna', 'Aardvark Annual'];
      expect(names(await c.get('/customers?q=ann&sort=-createdAt'))).toEqual(rankedNewest);
      expect(await walk('q=ann&sort=-createdAt', 2)).toEqual(rankedNewest);

      expect(names(await c.get('/customers?q=jo.ann@x.test'))).toEqual(['Joanna']);
      expect(names(await c.get('/customers?q=ann@x'))).toEqual(['Joanna']);
      expect(names(await c.get('/customers?q=9123'))).toEqual(['Joanna']);
      expect(names(await c.get('/customers?q=ZED@'))).toEqual(['ann']);
      expect(names(await c.get('/customers?q=ann&kind=business'))).toEqual([
        'Annex Holdings',
        'Aardvark Annual',
      ]);
      // % and _ are literal characters, not wildcards
      expect(names(await c.get(`/customers?q=${encodeURIComponent('%')}`))).toEqual(['Zoe 100%_sure']);
      expect(names(await c.get(`/customers?q=${encodeURIComponent('0%_s')}`))).toEqual(['Zoe 100%_sure']);
      expect(names(await c.get(`/customers?q=${encodeURIComponent('d_n')}`))).toEqual(['Brand_New']);
      expect(names(await c.get(`/customers?q=${encodeURIComponent('a_n')}`))).toEqual([]);
    });
  });

  describe('scope own (customers.customer.read/write with scope own)', () => {
    it('sees and changes only the customers it owns; new customers are its own; giving one away is 403', async () => {
      const mine = await createCustomer(rep, { kind: 'person', displayName: 'Rep customer' });
      expect(mine.ownerId).toBe(rep.id);
      const foreign = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Not for rep',
        ownerId: s.owner.id,
      });
      const r = api(rep);

      const list = await r.get('/customers?limit=100');
      expect(list.status).toBe(200);
      expect(list.body.data.map((x: Body) => x.id)).toEqual([mine.id]);
      expect((await r.get(`/customers?q=rep`)).body.data.map((x: Body) => x.id)).toEqual([mine.id]);
      expectProblem(await r.get(`/customers/${foreign.id}`), 404, 'not_found');
      expectProblem(await r.patch(`/customers/${foreign.id}`).send({ tier: 'gold' }), 404, 'not_found');
      expectProblem(await r.get(`/customers/${foreign.id}/contact-points`), 404, 'not_found');
      expectProblem(
        await r.post(`/customers/${foreign.id}/contact-points`).send({ type: 'other', value: 'x' }),
        404,
        'not_found',
      );
      expectProblem(await r.delete(`/customers/${foreign.id}`), 404, 'not_found');
      expectProblem(await r.post(`/customers/${foreign.id}/block`).send({ reason: 'x' }), 404, 'not_found');

      expectProblem(
        await r.post('/customers').send({ kind: 'person', displayName: 'For owner', ownerId: s.owner.id }),
        403,
        'scope_exceeded',
        ['ownerId'],
      );
      expectProblem(
        await r.patch(`/customers/${mine.id}`).send({ ownerId: s.owner.id }),
        403,
        'scope_exceeded',
        ['ownerId'],
      );
      expectProblem(await r.patch(`/customers/${mine.id}`).send({ ownerId: null }), 403, 'scope_exceeded', [
        'ownerId',
      ]);
      const own = await r.patch(`/customers/${mine.id}`).send({ tier: 'gold', ownerId: rep.id });
      expect(own.status).toBe(200);
      expect((await r.get(`/customers/${mine.id}`)).body.tier).toBe('gold');

      // The owner (scope all) hands the rep's customer to someone else: it leaves the rep's scope.
      expect((await api(s.owner).patch(`/customers/${mine.id}`).send({ ownerId: s.viewer.id })).status).toBe(
        200,
      );
      expectProblem(await r.get(`/customers/${mine.id}`), 404, 'not_found');
      expect((await r.get('/customers')).body.data).toEqual([]);
    });
  });

  describe('permissions', () => {
    it('a viewer reads customers and tags but cannot change them (403)', async () => {
      const customer = await createCustomer(s.owner, { kind: 'person', displayName: 'Viewed' });
      const v = api(s.viewer);
      expect((await v.get(`/customers/${customer.id}`)).status).toBe(200);
      expect((await v.get('/customers')).status).toBe(200);
      expect((await v.get('/tags')).status).toBe(200);
      expectProblem(await v.post('/customers').send({ kind: 'person', displayName: 'No' }), 403, 'forbidden');
      expectProblem(await v.patch(`/customers/${customer.id}`).send({ tier: 'gold' }), 403, 'forbidden');
      expectProblem(await v.post('/tags').send({ name: 'No' }), 403, 'forbidden');
      expectProblem(
        await v.post(`/customers/${customer.id}/contact-points`).send({ type: 'other', value: 'x' }),
        403,
        'forbidden',
      );
    });
  });

  describe('GET /customers/:id/timeline', () => {
    it('lists the changes about the customer newest first, keeping only entity types the caller may read', async () => {
      const customer = await createCustomer(rep, { kind: 'person', displayName: 'Timeline Tess' });
      const renamed = await api(rep)
        .patch(`/customers/${customer.id}`)
        .set('If-Match', 'W/"1"')
        .send({ displayName: 'Timeline Tessa' });
      expect(renamed.status).toBe(200);
      await api(rep)
        .post(`/customers/${customer.id}/contact-points`)
        .send({ type: 'email', value: 'tess@example.test' })
        .expect(201);
      const order = await api(s.owner).post('/orders').send({ customerId: customer.id });
      expect(order.status).toBe(201);

      const asOwner = await api(s.owner).get(`/customers/${customer.id}/timeline?limit=100`);
      expect(asOwner.status).toBe(200);
      const ownerRows: Array<{ action: string; entityType: string; createdAt: string }> = asOwner.body.data;
      expect(ownerRows[0].action).toBe('order.created');
      expect(ownerRows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['customer.created', 'customer.updated', 'customer_contact_point.created']),
      );
      const times = ownerRows.map((r) => r.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      // The rep reads the customer (it owns it) but holds no orders.order.read: no order rows.
      const asRep = await api(rep).get(`/customers/${customer.id}/timeline?limit=100`);
      expect(asRep.status).toBe(200);
      const repTypes = new Set(asRep.body.data.map((r: { entityType: string }) => r.entityType));
      expect(repTypes.has('order')).toBe(false);
      expect(repTypes.has('customer')).toBe(true);
      expect(asRep.body.data).toHaveLength(ownerRows.length - 1);

      const page = await api(s.owner).get(`/customers/${customer.id}/timeline?limit=1`);
      expect(page.body.page.nextCursor).toEqual(expect.any(String));
      expectProblem(await api(s.other).get(`/customers/${customer.id}/timeline`), 404, 'not_found');
    });
  });

  describe('tenancy: company B never reaches company A', () => {
    it('every customer route answers 404 to company B for a customer of A, and B lists none of them', async () => {
      const tag = await createTag(s.owner, 'Tenant tag');
      const customer = await createCustomer(s.owner, {
        kind: 'person',
        displayName: 'Tenant A person',
        email: 'tenant@a.test',
        addresses: [{ type: 'billing', line1: '1 A St' }],
        tagIds: [tag.id],
      });
      const c = api(s.owner);
      const identity = await c
        .post(`/customers/${customer.id}/identities`)
        .send({ channel: 'api', externalId: 'ext-1' });
      const detail = (await c.get(`/customers/${customer.id}`)).body;
      const pointId = detail.contactPoints[0].id as string;
      const addressId = detail.addresses[0].id as string;
      const id = customer.id as string;
      const b = api(s.other);

      const attempts: Array<[string, Promise<{ status: number }>]> = [
        ['GET /customers/:id', b.get(`/customers/${id}`)],
        ['PATCH /customers/:id', b.patch(`/customers/${id}`).send({ displayName: 'Hijack' })],
        ['DELETE /customers/:id', b.delete(`/customers/${id}`)],
        ['POST /customers/:id/restore', b.post(`/customers/${id}/restore`)],
        ['POST /customers/:id/block', b.post(`/customers/${id}/block`).send({ reason: 'x' })],
        ['POST /customers/:id/unblock', b.post(`/customers/${id}/unblock`)],
        ['GET /customers/:id/contact-points', b.get(`/customers/${id}/contact-points`)],
        [
          'POST /customers/:id/contact-points',
          b.post(`/customers/${id}/contact-points`).send({ type: 'other', value: 'x' }),
        ],
        [
          'PATCH /customers/:id/contact-points/:pointId',
          b.patch(`/customers/${id}/contact-points/${pointId}`).send({ label: 'x' }),
        ],
        [
          'DELETE /customers/:id/contact-points/:pointId',
          b.delete(`/customers/${id}/contact-points/${pointId}`),
        ],
        ['GET /customers/:id/addresses', b.get(`/customers/${id}/addresses`)],
        [
          'POST /customers/:id/addresses',
          b.post(`/customers/${id}/addresses`).send({ type: 'other', line1: 'x' }),
        ],
        [
          'PATCH /customers/:id/addresses/:addressId',
          b.patch(`/customers/${id}/addresses/${addressId}`).send({ city: 'x' }),
        ],
        ['DELETE /customers/:id/addresses/:addressId', b.delete(`/customers/${id}/addresses/${addressId}`)],
        ['GET /customers/:id/identities', b.get(`/customers/${id}/identities`)],
        [
          'POST /customers/:id/identities',
          b.post(`/customers/${id}/identities`).send({ channel: 'api', externalId: 'x' }),
        ],
        [
          'DELETE /customers/:id/identities/:identityId',
          b.delete(`/customers/${id}/identities/${identity.body.id}`),
        ],
        ['POST /customers/:id/tags', b.post(`/customers/${id}/tags`).send({ tagId: tag.id })],
        ['DELETE /customers/:id/tags/:tagId', b.delete(`/customers/${id}/tags/${tag.id}`)],
        ['PATCH /tags/:tagId', b.patch(`/tags/${tag.id}`).send({ name: 'Hijack' })],
        ['DELETE /tags/:tagId', b.delete(`/tags/${tag.id}`)],
      ];
      for (const [route, attempt] of attempts) {
        expect({ route, status: (await attempt).status }).toEqual({ route, status: 404 });
      }
      expect((await b.get('/customers?limit=100')).body.data.map((x: Body) => x.id)).not.toContain(id);
      expect((await b.get('/customers?deleted=only')).body.data).toEqual([]);
      expect((await b.get('/customers?q=tenant')).body.data).toEqual([]);
      expect((await b.get('/tags?limit=100')).body.data.map((x: Body) => x.id)).not.toContain(tag.id);

      // Nothing changed in A.
      const after = (await c.get(`/customers/${id}`)).body;
      expect(after).toEqual(detail);
      expect((await c.get('/tags?q=Tenant')).body.data.map((x: Body) => x.name)).toEqual(['Tenant tag']);
    });

    it("company A's ids in company B's bodies are 400 reference_not_found; identities are per company", async () => {
      const tag = await createTag(s.owner, 'A only');
      const org = await createCustomer(s.owner, { kind: 'business', displayName: 'A business' });
      const inA = await createCustomer(s.owner, { kind: 'person', displayName: 'A holder' });
      await api(s.owner)
        .post(`/customers/${inA.id}/identities`)
        .send({ channel: 'api', externalId: 'shared-ext' });
      const b = api(s.other);
      expectProblem(
        await b.post('/customers').send({ kind: 'person', displayName: 'B', tagIds: [tag.id] }),
        400,
        'reference_not_found',
        ['tagIds[0]'],
      );
      expectProblem(
        await b.post('/customers').send({ kind: 'person', displayName: 'B', organizationId: org.id }),
        400,
        'reference_not_found',
        ['organizationId'],
      );
      const inB = await createCustomer(s.other, { kind: 'person', displayName: 'B person' });
      expectProblem(
        await b.post(`/customers/${inB.id}/tags`).send({ tagId: tag.id }),
        400,
        'reference_not_found',
        ['tagId'],
      );
      const sameExternal = await b
        .post(`/customers/${inB.id}/identities`)
        .send({ channel: 'api', externalId: 'shared-ext' });
      expect(sameExternal.status).toBe(201);
      expect((await b.post('/tags').send({ name: 'A only' })).status).toBe(201);
    });

    it('CustomerDirectory.findActiveForReference answers within the context company only', async () => {
      const customer = await createCustomer(s.owner, { kind: 'person', displayName: 'Referenced' });
      await api(s.owner).post(`/customers/${customer.id}/block`).send({ reason: 'r' });
      const directory = t.app.get(CustomerDirectory);
      expect(
        await inCompany(s.companyA.id, () => directory.findActiveForReference(customer.id as string)),
      ).toEqual({
        id: customer.id,
        blocked: true,
        deletedAt: null,
      });
      expect(
        await inCompany(s.companyB.id, () => directory.findActiveForReference(customer.id as string)),
      ).toBeNull();
      await api(s.owner).delete(`/customers/${customer.id}`);
      const deleted = await inCompany(s.companyA.id, () =>
        directory.findActiveForReference(customer.id as string),
      );
      expect(deleted?.deletedAt).toBeInstanceOf(Date);
    });
  });

  it('a user without an active company gets 403 no_active_company', async () => {
    expectProblem(await api(s.loner).get('/customers'), 403, 'no_active_company');
    expectProblem(await api(s.loner).get('/tags'), 403, 'no_active_company');
  });
});
