import { Jobs } from '@libs/persistence';
import { ContractsLifecycle } from '../../src/modules/orders/contracts/contracts-lifecycle';
import { startTestApp, type TestApp } from '../support/test-app';
import { asUser, setUpTenants, type Tenants, type TestUser } from '../support/auth';

jest.setTimeout(300_000);

/** SPEC §6's worked-example ladder: 1–10 @ 10, 11–50 @ 8, 51+ @ 6. */
const LADDER = [
  { minQty: 1, maxQty: 10, unitPrice: '10' },
  { minQty: 11, maxQty: 50, unitPrice: '8' },
  { minQty: 51, unitPrice: '6' },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Res {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

interface Order {
  id: string;
  number: string | null;
  status: string;
  version: number;
  total: string;
  items: Array<{
    id: string;
    productId: string;
    total: string;
    unitPriceEffective: string;
    position: number;
  }>;
}

/** The company's local date (SPEC §1 "today"); test companies live in Australia/Sydney. */
const today = (timeZone = 'Australia/Sydney', at = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

const etag = (version: number) => `W/"${version}"`;

function expectStatus(res: Res, status: number): Res {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

describe('orders & contracts (SPEC §7)', () => {
  let t: TestApp;
  let s: Tenants;
  let counter = 0;
  const a = () => asUser(t, s.owner);
  const b = () => asUser(t, s.other);

  /** A priced product of the user's company (AUD ladder), `good` unless told. */
  async function createProduct(
    user: TestUser,
    fields: { type?: string; tierMode?: string; tiers?: object[]; taxRateId?: string } = {},
  ): Promise<string> {
    const { type = 'good', tierMode = 'graduated', tiers = LADDER, taxRateId } = fields;
    const product = expectStatus(
      await asUser(t, user)
        .post('/products')
        .send({ sku: `SKU-${++counter}`, name: `Product ${counter}`, type, ...(taxRateId && { taxRateId }) }),
      201,
    );
    expectStatus(
      await asUser(t, user)
        .put(`/products/${product.body.id}/price-tiers`)
        .send({ currency: 'AUD', tierMode, tiers }),
      200,
    );
    return product.body.id as string;
  }

  async function createCustomer(user: TestUser): Promise<string> {
    const res = expectStatus(
      await asUser(t, user)
        .post('/customers')
        .send({ kind: 'business', displayName: `Customer ${++counter}` }),
      201,
    );
    return res.body.id as string;
  }

  async function createDuration(user: TestUser, months: number, discountPercent = '0'): Promise<string> {
    const res = expectStatus(
      await asUser(t, user)
        .post('/durations')
        .send({ name: `${months} months`, months, discountPercent }),
      201,
    );
    return res.body.id as string;
  }

  async function createOrder(user: TestUser, body: object): Promise<Order> {
    return expectStatus(await asUser(t, user).post('/orders').send(body), 201).body as Order;
  }

  async function act(user: TestUser, order: Order, action: string, body: object = {}): Promise<Order> {
    const res = await asUser(t, user)
      .post(`/orders/${order.id}/${action}`)
      .set('If-Match', etag(order.version))
      .send(body);
    return expectStatus(res, 200).body as Order;
  }

  async function outbox(aggregateId: string): Promise<string[]> {
    const rows: Array<{ type: string }> = await t.dataSource.query(
      `SELECT type FROM platform.outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [aggregateId],
    );
    return rows.map((r) => r.type);
  }

  /** The numbers of a company's orders, as their sequence values. */
  async function sequenceValues(companyId: string): Promise<number[]> {
    const rows: Array<{ number: string }> = await t.dataSource.query(
      `SELECT number FROM sales.orders WHERE company_id = $1 AND number IS NOT NULL`,
      [companyId],
    );
    return rows.map((r) => Number(r.number.split('-')[2])).sort((x, y) => x - y);
  }

  let goodA: string;
  let goodB: string;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
    [goodA, goodB, customerA, customerB] = await Promise.all([
      createProduct(s.owner),
      createProduct(s.other),
      createCustomer(s.owner),
      createCustomer(s.other),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('drafts', () => {
    it('creates a draft priced as a preview, with ETag and order.created; no number yet', async () => {
      const res = expectStatus(
        await a()
          .post('/orders')
          .send({
            customerId: customerA,
            notes: 'Rush',
            externalRefs: { erp: 'SO-1' },
            items: [{ productId: goodA, quantity: 25 }],
          }),
        201,
      );
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({
        number: null,
        status: 'draft',
        customerId: customerA,
        currency: 'AUD',
        notes: 'Rush',
        externalRefs: { erp: 'SO-1' },
        subtotal: '220.00',
        discountTotal: '0.00',
        taxTotal: '0.00',
        total: '220.00',
        submittedAt: null,
        version: 1,
      });
      expect(res.body.items).toEqual([
        expect.objectContaining({
          position: 1,
          productId: goodA,
          quantity: 25,
          tierMode: 'graduated',
          productType: 'good',
          months: 1,
          gross: '220.00',
          total: '220.00',
          unitPriceEffective: '8.8000',
          bands: [
            { minQty: 1, maxQty: 10, unitPrice: '10.0000', quantity: 10, amount: '100.00' },
            { minQty: 11, maxQty: 50, unitPrice: '8.0000', quantity: 15, amount: '120.00' },
          ],
        }),
      ]);
      expect(await outbox(res.body.id)).toEqual(['order.created']);

      const read = expectStatus(await a().get(`/orders/${res.body.id}`), 200);
      expect(read.headers.etag).toBe('W/"1"');
      expect(read.body).toEqual(res.body);
    });

    it('edits lines, customer and currency of a draft under If-Match, repricing every line', async () => {
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: goodA, quantity: 5 }],
      });
      expect(order.total).toBe('50.00');

      expectStatus(await a().post(`/orders/${order.id}/items`).send({ productId: goodA, quantity: 1 }), 428);
      const added = expectStatus(
        await a()
          .post(`/orders/${order.id}/items`)
          .set('If-Match', etag(order.version))
          .send({ productId: goodA, quantity: 11, discountPercent: '10' }),
        201,
      );
      expect(added.headers.etag).toBe('W/"2"');
      expect(added.body.items.map((i: { position: number; total: string }) => [i.position, i.total])).toEqual(
        [
          [1, '50.00'],
          [2, '97.20'],
        ],
      );
      expect(added.body.total).toBe('147.20');

      const stale = expectStatus(
        await a()
          .patch(`/orders/${order.id}/items/${added.body.items[0].id}`)
          .set('If-Match', etag(1))
          .send({ quantity: 2 }),
        412,
      );
      expect(stale.body.code).toBe('precondition_failed');
      const changed = expectStatus(
        await a()
          .patch(`/orders/${order.id}/items/${added.body.items[0].id}`)
          .set('If-Match', etag(2))
          .send({ quantity: 2 }),
        200,
      );
      expect(changed.body.total).toBe('117.20');

      const removed = expectStatus(
        await a().delete(`/orders/${order.id}/items/${added.body.items[0].id}`).set('If-Match', etag(3)),
        200,
      );
      expect(removed.body.items).toHaveLength(1);
      expect(removed.body.items[0].position).toBe(2);
      expect(removed.body).toMatchObject({ total: '97.20', version: 4 });

      const other = await createCustomer(s.owner);
      const patched = expectStatus(
        await a()
          .patch(`/orders/${order.id}`)
          .set('If-Match', etag(4))
          .send({ customerId: other, notes: 'changed', externalRefs: { erp: 'X', crm: 'Y' } }),
        200,
      );
      expect(patched.body).toMatchObject({
        customerId: other,
        notes: 'changed',
        externalRefs: { erp: 'X', crm: 'Y' },
      });
      const merged = expectStatus(
        await a()
          .patch(`/orders/${order.id}`)
          .set('If-Match', etag(5))
          .send({ externalRefs: { crm: null, ext: 'Z' } }),
        200,
      );
      expect(merged.body.externalRefs).toEqual({ erp: 'X', ext: 'Z' });

      // A currency without a ladder: every line named; an unknown currency: the field named.
      const usd = expectStatus(
        await a().patch(`/orders/${order.id}`).set('If-Match', etag(6)).send({ currency: 'USD' }),
        400,
      );
      expect(usd.body.code).toBe('no_price_in_currency');
      expect(usd.body.errors).toEqual([
        expect.objectContaining({ path: 'items[0].productId', code: 'no_price_in_currency' }),
      ]);
      const unknown = expectStatus(
        await a().patch(`/orders/${order.id}`).set('If-Match', etag(6)).send({ currency: 'XYZ' }),
        400,
      );
      expect(unknown.body).toMatchObject({
        code: 'reference_not_found',
        errors: [expect.objectContaining({ path: 'currency' })],
      });
      expect(expectStatus(await a().get(`/orders/${order.id}`), 200).body).toMatchObject({
        currency: 'AUD',
        version: 6,
      });
    });

    it('answers bad input with 400 naming the field', async () => {
      const cases: Array<[object, string]> = [
        [{}, 'customerId'],
        [{ customerId: 'nope' }, 'customerId'],
        [{ customerId: customerA, currency: 'aud' }, 'currency'],
        [{ customerId: customerA, notes: 'x'.repeat(5001) }, 'notes'],
        [{ customerId: customerA, externalRefs: { erp: 5 } }, 'externalRefs'],
        [{ customerId: customerA, items: [{ productId: goodA, quantity: 0 }] }, 'items[0].quantity'],
        [{ customerId: customerA, items: [{ productId: goodA, quantity: 1.5 }] }, 'items[0].quantity'],
        [{ customerId: customerA, items: [{ productId: goodA, quantity: 1_000_001 }] }, 'items[0].quantity'],
        [
          { customerId: customerA, items: [{ productId: goodA, quantity: 1, discountPercent: 5 }] },
          'items[0].discountPercent',
        ],
        [
          { customerId: customerA, items: [{ productId: goodA, quantity: 1, discountPercent: '101' }] },
          'items[0].discountPercent',
        ],
        [
          { customerId: customerA, items: [{ productId: goodA, quantity: 1, startDate: '2026-1-1' }] },
          'items[0].startDate',
        ],
        [
          { customerId: customerA, items: [{ productId: goodA, quantity: 1, extra: true }] },
          'items[0].extra',
        ],
        [{ customerId: customerA, number: 'ORD-1' }, 'number'],
      ];
      for (const [body, path] of cases) {
        const res = await a().post('/orders').send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
    });

    it('refuses a customer or a product of another company exactly as one that does not exist', async () => {
      const missing = '01900000-0000-7000-8000-000000000000';
      for (const customerId of [customerB, missing]) {
        const res = expectStatus(await a().post('/orders').send({ customerId }), 400);
        expect(res.body).toMatchObject({
          code: 'reference_not_found',
          errors: [
            { path: 'customerId', code: 'reference_not_found', message: 'The customer does not exist' },
          ],
        });
      }
      for (const productId of [goodB, missing]) {
        const res = expectStatus(
          await a()
            .post('/orders')
            .send({
              customerId: customerA,
              items: [
                { productId: goodA, quantity: 1 },
                { productId, quantity: 1 },
              ],
            }),
          400,
        );
        expect(res.body).toMatchObject({
          code: 'reference_not_found',
          errors: [{ path: 'items[1].productId', code: 'reference_not_found' }],
        });
      }
      // One line in the body: its errors name the body's fields.
      const order = await createOrder(s.owner, { customerId: customerA });
      const res = expectStatus(
        await a()
          .post(`/orders/${order.id}/items`)
          .set('If-Match', etag(order.version))
          .send({ productId: goodB, quantity: 1 }),
        400,
      );
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'productId', code: 'reference_not_found' }),
      ]);
      const deleted = await createCustomer(s.owner);
      expectStatus(await a().delete(`/customers/${deleted}`), 204);
      const gone = expectStatus(await a().post('/orders').send({ customerId: deleted }), 400);
      expect(gone.body.errors[0]).toMatchObject({ path: 'customerId', code: 'reference_not_found' });
    });

    it('deletes drafts only (If-Match required), soft: the order is gone from reads and lists', async () => {
      const order = await createOrder(s.owner, { customerId: customerA, notes: 'to delete' });
      expectStatus(await a().delete(`/orders/${order.id}`), 428);
      expectStatus(await a().delete(`/orders/${order.id}`).set('If-Match', etag(order.version)), 204);
      expectStatus(await a().get(`/orders/${order.id}`), 404);
      const rows: Array<{ deleted_by: string }> = await t.dataSource.query(
        `SELECT deleted_by FROM sales.orders WHERE id = $1 AND deleted_at IS NOT NULL`,
        [order.id],
      );
      expect(rows).toEqual([{ deleted_by: s.owner.id }]);

      const submitted = await act(
        s.owner,
        await createOrder(s.owner, { customerId: customerA, items: [{ productId: goodA, quantity: 1 }] }),
        'submit',
      );
      const res = expectStatus(
        await a().delete(`/orders/${submitted.id}`).set('If-Match', etag(submitted.version)),
        409,
      );
      expect(res.body.code).toBe('order_not_draft');
    });
  });

  describe('lifecycle', () => {
    it('runs draft → submitted → confirmed → fulfilled → completed with history, numbers and events', async () => {
      let order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: goodA, quantity: 12 }],
      });
      expectStatus(await a().post(`/orders/${order.id}/submit`), 428);

      order = await act(s.owner, order, 'submit');
      const year = today().slice(0, 4);
      expect(order.number).toMatch(new RegExp(`^ORD-${year}-\\d{6}$`));
      expect(order).toMatchObject({ status: 'submitted', version: 2, total: '116.00' });
      expect((order as unknown as { submittedAt: string }).submittedAt).toEqual(expect.any(String));

      order = await act(s.owner, order, 'confirm');
      order = await act(s.owner, order, 'fulfil');
      order = await act(s.owner, order, 'complete');
      expect(order).toMatchObject({ status: 'completed', version: 5 });
      const read = expectStatus(await a().get(`/orders/${order.id}`), 200).body;
      for (const at of ['submittedAt', 'confirmedAt', 'fulfilledAt', 'completedAt'])
        expect(read[at]).toEqual(expect.any(String));

      const history = expectStatus(await a().get(`/orders/${order.id}/history`), 200).body;
      expect(
        history.map((h: { fromStatus: string; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`),
      ).toEqual(['draft>submitted', 'submitted>confirmed', 'confirmed>fulfilled', 'fulfilled>completed']);
      expect(history[0]).toMatchObject({ actorType: 'user', actorId: s.owner.id, reason: null });
      expect(await outbox(order.id)).toEqual([
        'order.created',
        'order.submitted',
        'order.confirmed',
        'order.fulfilled',
        'order.completed',
      ]);
      const audit: Array<{ action: string }> = await t.dataSource.query(
        `SELECT action FROM platform.audit_logs WHERE entity_id = $1 AND action = 'order.status_changed'`,
        [order.id],
      );
      expect(audit).toHaveLength(4);
      const products: Array<{ first_used_at: Date | null }> = await t.dataSource.query(
        `SELECT first_used_at FROM catalog.products WHERE id = $1`,
        [goodA],
      );
      expect(products[0].first_used_at).not.toBeNull();
    });

    it('numbers orders with the company’s orders.order_prefix setting', async () => {
      expectStatus(await b().put('/settings/orders.order_prefix').send({ value: 'SO' }), 200);
      const order = await act(
        s.other,
        await createOrder(s.other, { customerId: customerB, items: [{ productId: goodB, quantity: 1 }] }),
        'submit',
      );
      expect(order.number).toMatch(new RegExp(`^SO-${today().slice(0, 4)}-\\d{6}$`));
      expectStatus(await b().delete('/settings/orders.order_prefix'), 204);
    });

    it('cancels drafts, submitted and confirmed orders with a reason (1..500)', async () => {
      for (const path of [[], ['submit'], ['submit', 'confirm']]) {
        let order = await createOrder(s.owner, {
          customerId: customerA,
          items: [{ productId: goodA, quantity: 1 }],
        });
        for (const action of path) order = await act(s.owner, order, action);
        const noReason = expectStatus(
          await a()
            .post(`/orders/${order.id}/cancel`)
            .set('If-Match', etag(order.version))
            .send({ reason: '  ' }),
          400,
        );
        expect(noReason.body.errors[0].path).toBe('reason');
        expectStatus(
          await a()
            .post(`/orders/${order.id}/cancel`)
            .set('If-Match', etag(order.version))
            .send({ reason: 'x'.repeat(501) }),
          400,
        );
        const cancelled = await act(s.owner, order, 'cancel', { reason: 'Customer changed their mind' });
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Customer changed their mind' });
        const history = expectStatus(await a().get(`/orders/${order.id}/history`), 200).body;
        expect(history[history.length - 1]).toMatchObject({
          toStatus: 'cancelled',
          reason: 'Customer changed their mind',
        });
        expect((await outbox(order.id)).pop()).toBe('order.cancelled');
      }
    });

    it('answers every illegal transition with 409 invalid_transition, currentState and allowed', async () => {
      const actions = ['submit', 'confirm', 'fulfil', 'complete', 'cancel'];
      const allowed: Record<string, string[]> = {
        draft: ['submit', 'cancel'],
        submitted: ['confirm', 'cancel'],
        confirmed: ['fulfil', 'cancel'],
        fulfilled: ['complete'],
        completed: [],
        cancelled: [],
      };
      const paths: Record<string, string[]> = {
        draft: [],
        submitted: ['submit'],
        confirmed: ['submit', 'confirm'],
        fulfilled: ['submit', 'confirm', 'fulfil'],
        completed: ['submit', 'confirm', 'fulfil', 'complete'],
        cancelled: ['cancel'],
      };
      for (const [state, path] of Object.entries(paths)) {
        let order = await createOrder(s.owner, {
          customerId: customerA,
          items: [{ productId: goodA, quantity: 1 }],
        });
        for (const action of path) order = await act(s.owner, order, action, { reason: 'r' });
        for (const action of actions.filter((x) => !allowed[state].includes(x))) {
          const res = await a()
            .post(`/orders/${order.id}/${action}`)
            .set('If-Match', etag(order.version))
            .send({ reason: 'r' });
          expect({ state, action, status: res.status }).toEqual({ state, action, status: 409 });
          expect(res.body).toMatchObject({
            code: 'invalid_transition',
            currentState: state,
            allowed: allowed[state],
          });
        }
        const next = expectStatus(await a().get(`/orders/${order.id}/next-states`), 200).body;
        expect(next.map((n: { action: string }) => n.action)).toEqual(allowed[state]);
      }
    });

    it('accepts only notes and externalRefs once submitted: anything else 409 order_not_draft', async () => {
      const order = await act(
        s.owner,
        await createOrder(s.owner, { customerId: customerA, items: [{ productId: goodA, quantity: 1 }] }),
        'submit',
      );
      const notes = expectStatus(
        await a()
          .patch(`/orders/${order.id}`)
          .set('If-Match', etag(order.version))
          .send({ notes: 'Deliver on Monday', externalRefs: { erp: 'SO-9' } }),
        200,
      );
      expect(notes.body).toMatchObject({
        notes: 'Deliver on Monday',
        externalRefs: { erp: 'SO-9' },
        version: 3,
      });
      for (const body of [
        { customerId: customerA },
        { currency: 'AUD' },
        { customerId: customerA, notes: 'x' },
      ]) {
        const res = expectStatus(
          await a().patch(`/orders/${order.id}`).set('If-Match', etag(3)).send(body),
          409,
        );
        expect(res.body.code).toBe('order_not_draft');
      }
      const item = order.items[0].id;
      for (const res of [
        await a()
          .post(`/orders/${order.id}/items`)
          .set('If-Match', etag(3))
          .send({ productId: goodA, quantity: 1 }),
        await a().patch(`/orders/${order.id}/items/${item}`).set('If-Match', etag(3)).send({ quantity: 2 }),
        await a().delete(`/orders/${order.id}/items/${item}`).set('If-Match', etag(3)),
      ]) {
        expectStatus(res, 409);
        expect(res.body.code).toBe('order_not_draft');
      }
      expect(expectStatus(await a().get(`/orders/${order.id}`), 200).body).toMatchObject({
        version: 3,
        total: order.total,
      });
    });

    it('guards submit: order_empty, customer_blocked, customer_deleted, product_archived naming the item', async () => {
      const empty = await createOrder(s.owner, { customerId: customerA });
      const emptyRes = expectStatus(
        await a().post(`/orders/${empty.id}/submit`).set('If-Match', etag(1)),
        409,
      );
      expect(emptyRes.body.code).toBe('order_empty');

      const blockedCustomer = await createCustomer(s.owner);
      const blocked = await createOrder(s.owner, {
        customerId: blockedCustomer,
        items: [{ productId: goodA, quantity: 1 }],
      });
      expectStatus(
        await a().post(`/customers/${blockedCustomer}/block`).send({ reason: 'Unpaid invoices' }),
        200,
      );
      expect(
        expectStatus(await a().post(`/orders/${blocked.id}/submit`).set('If-Match', etag(1)), 409).body.code,
      ).toBe('customer_blocked');
      const next = expectStatus(await a().get(`/orders/${blocked.id}/next-states`), 200).body;
      expect(next).toEqual([
        { action: 'submit', to: 'submitted', allowed: false, reasons: ['customer_blocked'] },
        { action: 'cancel', to: 'cancelled', allowed: true, reasons: [] },
      ]);

      const deletedCustomer = await createCustomer(s.owner);
      const orphan = await createOrder(s.owner, {
        customerId: deletedCustomer,
        items: [{ productId: goodA, quantity: 1 }],
      });
      expectStatus(await a().delete(`/customers/${deletedCustomer}`), 204);
      expect(
        expectStatus(await a().post(`/orders/${orphan.id}/submit`).set('If-Match', etag(1)), 409).body.code,
      ).toBe('customer_deleted');

      const archived = await createProduct(s.owner);
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [
          { productId: goodA, quantity: 1 },
          { productId: archived, quantity: 1 },
        ],
      });
      const product = expectStatus(await a().get(`/products/${archived}`), 200);
      expectStatus(
        await a().post(`/products/${archived}/archive`).set('If-Match', product.headers.etag),
        200,
      );
      const res = expectStatus(await a().post(`/orders/${order.id}/submit`).set('If-Match', etag(1)), 409);
      expect(res.body).toMatchObject({
        code: 'product_archived',
        errors: [{ path: 'items[1].productId', code: 'product_archived', message: expect.any(String) }],
      });
      // Adding an archived product to a draft is bad input (SPEC §6): 400.
      const add = expectStatus(
        await a()
          .post(`/orders/${order.id}/items`)
          .set('If-Match', etag(1))
          .send({ productId: archived, quantity: 1 }),
        400,
      );
      expect(add.body.errors.map((e: { path: string }) => e.path)).toEqual([
        'items[1].productId',
        'productId',
      ]);
    });

    it('next-states reflect the caller’s permissions', async () => {
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: goodA, quantity: 1 }],
      });
      const owner = expectStatus(await a().get(`/orders/${order.id}/next-states`), 200).body;
      expect(owner).toEqual([
        { action: 'submit', to: 'submitted', allowed: true, reasons: [] },
        { action: 'cancel', to: 'cancelled', allowed: true, reasons: [] },
      ]);
      const viewer = expectStatus(await asUser(t, s.viewer).get(`/orders/${order.id}/next-states`), 200).body;
      expect(viewer).toEqual([
        { action: 'submit', to: 'submitted', allowed: false, reasons: ['forbidden'] },
        { action: 'cancel', to: 'cancelled', allowed: false, reasons: ['forbidden'] },
      ]);
      expectStatus(
        await asUser(t, s.viewer).post(`/orders/${order.id}/submit`).set('If-Match', etag(1)),
        403,
      );
      expectStatus(await asUser(t, s.viewer).post('/orders').send({ customerId: customerA }), 403);
    });
  });

  describe('prices', () => {
    it('freezes prices on submit: catalog changes never alter a submitted order, new orders get them', async () => {
      const product = await createProduct(s.owner);
      const draft = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: product, quantity: 5 }],
      });
      const submitted = await act(s.owner, draft, 'submit');
      expect(submitted.total).toBe('50.00');

      expectStatus(
        await a()
          .put(`/products/${product}/price-tiers`)
          .send({ currency: 'AUD', tierMode: 'volume', tiers: [{ minQty: 1, unitPrice: '20' }] }),
        200,
      );
      const after = expectStatus(await a().get(`/orders/${submitted.id}`), 200).body;
      expect(after).toEqual(submitted);
      const fresh = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: product, quantity: 5 }],
      });
      expect(fresh.total).toBe('100.00');
    });

    it('reprices a draft from the current catalog on submit', async () => {
      const product = await createProduct(s.owner);
      const draft = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: product, quantity: 5 }],
      });
      expectStatus(
        await a()
          .put(`/products/${product}/price-tiers`)
          .send({ currency: 'AUD', tierMode: 'volume', tiers: [{ minQty: 1, unitPrice: '3' }] }),
        200,
      );
      const submitted = await act(s.owner, draft, 'submit');
      expect(submitted).toMatchObject({
        total: '15.00',
        items: [expect.objectContaining({ total: '15.00', tierMode: 'volume' })],
      });
    });

    it('applies tax and subscription durations as the pricing engine does (SPEC §6 worked example)', async () => {
      const rate = expectStatus(
        await a()
          .post('/tax-rates')
          .send({ name: `GST ${++counter}`, ratePercent: '10' }),
        201,
      );
      expectStatus(await a().put('/companies/current/billing-details').send({ taxRegistered: true }), 200);
      const subscription = await createProduct(s.owner, { type: 'subscription', taxRateId: rate.body.id });
      const twoYears = await createDuration(s.owner, 24, '10');
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: subscription, quantity: 25, durationId: twoYears }],
      });
      expect(order).toMatchObject({
        subtotal: '4752.00',
        discountTotal: '528.00',
        taxTotal: '475.20',
        total: '5227.20',
      });
      expect(order.items[0]).toMatchObject({
        months: 24,
        gross: '5280.00',
        durationDiscountPercent: '10.00',
        taxRatePercent: '10.000',
      });
      const missing = expectStatus(
        await a()
          .post('/orders')
          .send({ customerId: customerA, items: [{ productId: subscription, quantity: 1 }] }),
        400,
      );
      expect(missing.body.errors[0].path).toBe('items[0].durationId');
      const notApplicable = expectStatus(
        await a()
          .post('/orders')
          .send({ customerId: customerA, items: [{ productId: goodA, quantity: 1, durationId: twoYears }] }),
        400,
      );
      expect(notApplicable.body.errors[0]).toMatchObject({
        path: 'items[0].durationId',
        code: 'duration_not_applicable',
      });
      const startOnGood = expectStatus(
        await a()
          .post('/orders')
          .send({ customerId: customerA, items: [{ productId: goodA, quantity: 1, startDate: today() }] }),
        400,
      );
      expect(startOnGood.body.errors[0]).toMatchObject({
        path: 'items[0].startDate',
        code: 'start_date_not_applicable',
      });
      const past = expectStatus(
        await a()
          .post('/orders')
          .send({
            customerId: customerA,
            items: [{ productId: subscription, quantity: 1, durationId: twoYears, startDate: '2020-01-01' }],
          }),
        400,
      );
      expect(past.body.errors[0]).toMatchObject({ path: 'items[0].startDate', code: 'start_date_in_past' });
      expectStatus(await a().put('/companies/current/billing-details').send({ taxRegistered: false }), 200);
    });
  });

  describe('consistency under failure and concurrency', () => {
    it('a submit failing on its third line leaves order, lines and counter untouched', async () => {
      const [p1, p2, p3] = await Promise.all([
        createProduct(s.owner),
        createProduct(s.owner),
        createProduct(s.owner),
      ]);
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [p1, p2, p3].map((productId) => ({ productId, quantity: 2 })),
      });
      // The first two lines would reprice; the third has no price any more.
      for (const p of [p1, p2]) {
        expectStatus(
          await a()
            .put(`/products/${p}/price-tiers`)
            .send({ currency: 'AUD', tierMode: 'volume', tiers: [{ minQty: 1, unitPrice: '1' }] }),
          200,
        );
      }
      expectStatus(await a().delete(`/products/${p3}/price-tiers/AUD`), 204);
      const counterBefore = await t.dataSource.query(
        `SELECT * FROM platform.document_sequences WHERE company_id = $1`,
        [s.companyA.id],
      );

      const res = expectStatus(await a().post(`/orders/${order.id}/submit`).set('If-Match', etag(1)), 409);
      expect(res.body).toMatchObject({
        code: 'no_price_in_currency',
        errors: [{ path: 'items[2].productId', code: 'no_price_in_currency', message: expect.any(String) }],
      });
      expect(expectStatus(await a().get(`/orders/${order.id}`), 200).body).toEqual(order);
      expect(
        await t.dataSource.query(`SELECT * FROM platform.document_sequences WHERE company_id = $1`, [
          s.companyA.id,
        ]),
      ).toEqual(counterBefore);
      expect(expectStatus(await a().get(`/orders/${order.id}/history`), 200).body).toEqual([]);
      expect(await outbox(order.id)).toEqual(['order.created']);
    });

    it('20 parallel submits with one If-Match: exactly one 200, nineteen 412, one history row', async () => {
      const order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: goodA, quantity: 3 }],
      });
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          a().post(`/orders/${order.id}/submit`).set('If-Match', etag(order.version)),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(19).fill(412)]);
      expect(expectStatus(await a().get(`/orders/${order.id}/history`), 200).body).toHaveLength(1);
      expect((await outbox(order.id)).filter((type) => type === 'order.submitted')).toHaveLength(1);
    });

    it('100 orders submitted in parallel across 2 companies: numbers unique and gap-free per company', async () => {
      const make = (user: TestUser, customerId: string, productId: string) =>
        createOrder(user, { customerId, items: [{ productId, quantity: 1 }] });
      const drafts: Array<[TestUser, Order]> = [];
      for (let batch = 0; batch < 10; batch++) {
        const made = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            i % 2 === 0 ? make(s.owner, customerA, goodA) : make(s.other, customerB, goodB),
          ),
        );
        made.forEach((order, i) => drafts.push([i % 2 === 0 ? s.owner : s.other, order]));
      }
      const before = await Promise.all([s.companyA, s.companyB].map((c) => sequenceValues(c.id)));
      const submitted = await Promise.all(drafts.map(([user, order]) => act(user, order, 'submit')));
      const numbered = submitted.map((order, i) => `${drafts[i][0].id} ${order.number}`);
      expect(new Set(numbered).size).toBe(100);
      for (const [i, company] of [s.companyA, s.companyB].entries()) {
        const values = await sequenceValues(company.id);
        expect(values).toEqual(Array.from({ length: before[i].length + 50 }, (_, n) => n + 1));
      }
    });

    it('one Idempotency-Key sent 10 times in parallel creates one order; answers replay it or say in progress', async () => {
      const key = `create-${Date.now()}`;
      const body = { customerId: customerA, notes: key, items: [{ productId: goodA, quantity: 2 }] };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => a().post('/orders').set('Idempotency-Key', key).send(body)),
      );
      const rows: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM sales.orders WHERE notes = $1`,
        [key],
      );
      expect(rows).toHaveLength(1);
      const first = answers.find((r) => r.status === 201 && !r.headers['idempotency-replayed']);
      expect(first?.body.id).toBe(rows[0].id);
      for (const res of answers) {
        if (res.status === 409) {
          expect(res.body.code).toBe('idempotency_in_progress');
          expect(res.headers['retry-after']).toBe('1');
        } else {
          expect(res.status).toBe(201);
          expect(res.body).toEqual(first?.body);
        }
      }
      const retry = expectStatus(await a().post('/orders').set('Idempotency-Key', key).send(body), 201);
      expect(retry.headers['idempotency-replayed']).toBe('true');
      expect(retry.headers.etag).toBe('W/"1"');
      expect(retry.body).toEqual(first?.body);
      expectStatus(
        await a()
          .post('/orders')
          .set('Idempotency-Key', key)
          .send({ ...body, notes: 'other' }),
        422,
      );

      const submitKey = `submit-${Date.now()}`;
      const submitted = expectStatus(
        await a()
          .post(`/orders/${rows[0].id}/submit`)
          .set('If-Match', etag(1))
          .set('Idempotency-Key', submitKey),
        200,
      );
      const replay = expectStatus(
        await a()
          .post(`/orders/${rows[0].id}/submit`)
          .set('If-Match', etag(1))
          .set('Idempotency-Key', submitKey),
        200,
      );
      expect(replay.headers['idempotency-replayed']).toBe('true');
      expect(replay.body).toEqual(submitted.body);
    });
  });

  describe('lists', () => {
    it('lists with filters, sorts and a cursor; a customer’s orders through its path', async () => {
      const customer = await createCustomer(s.owner);
      const orders: Order[] = [];
      for (let i = 0; i < 3; i++) {
        orders.push(
          await createOrder(s.owner, {
            customerId: customer,
            items: [{ productId: goodA, quantity: i + 1 }],
          }),
        );
      }
      const submitted = await act(s.owner, orders[1], 'submit');

      const all = expectStatus(await a().get(`/orders?customerId=${customer}&limit=2`), 200).body;
      expect(all.data.map((o: Order) => o.id)).toEqual([orders[2].id, orders[1].id]);
      expect(all.data[0].items).toBeUndefined();
      const rest = expectStatus(
        await a().get(`/orders?customerId=${customer}&limit=2&cursor=${all.page.nextCursor}`),
        200,
      ).body;
      expect(rest.data.map((o: Order) => o.id)).toEqual([orders[0].id]);
      expect(rest.page.nextCursor).toBeNull();

      const drafts = expectStatus(
        await a().get(`/orders?customerId=${customer}&status=draft&sort=total`),
        200,
      ).body;
      expect(drafts.data.map((o: Order) => o.total)).toEqual(['10.00', '30.00']);
      const byNumber = expectStatus(await a().get(`/orders?number=${submitted.number}`), 200).body;
      expect(byNumber.data.map((o: Order) => o.id)).toEqual([submitted.id]);
      const bySubmit = expectStatus(
        await a().get(`/orders?customerId=${customer}&sort=-submittedAt&withTotal=true`),
        200,
      ).body;
      expect(bySubmit).toMatchObject({
        data: [expect.objectContaining({ id: submitted.id })],
        page: { total: 1 },
      });
      const from = new Date(Date.now() - 60_000).toISOString();
      const recent = expectStatus(
        await a().get(`/orders?customerId=${customer}&submittedFrom=${from}&createdFrom=${from}`),
        200,
      ).body;
      expect(recent.data).toHaveLength(1);

      const ofCustomer = expectStatus(await a().get(`/customers/${customer}/orders?status=draft`), 200).body;
      expect(ofCustomer.data.map((o: Order) => o.id)).toEqual([orders[2].id, orders[0].id]);

      for (const query of [
        'sort=name',
        'status=open',
        'customerId=x',
        'createdFrom=yesterday',
        'limit=101',
        'q=x',
      ]) {
        expectStatus(await a().get(`/orders?${query}`), 400);
      }
      const cursorMismatch = expectStatus(
        await a().get(`/orders?sort=total&cursor=${all.page.nextCursor}`),
        400,
      );
      expect(cursorMismatch.body.code).toBe('cursor_mismatch');
    });
  });

  describe('contracts', () => {
    let subscription: string;
    let monthly: string;
    let yearly: string;

    beforeAll(async () => {
      subscription = await createProduct(s.owner, {
        type: 'subscription',
        tierMode: 'volume',
        tiers: [{ minQty: 1, unitPrice: '100' }],
      });
      monthly = await createDuration(s.owner, 1);
      yearly = await createDuration(s.owner, 12);
    });

    /** A confirmed order with the given subscription lines (and one good). */
    async function confirmedOrder(lines: Array<{ startDate?: string; durationId?: string }>): Promise<Order> {
      let order = await createOrder(s.owner, {
        customerId: customerA,
        items: [
          { productId: goodA, quantity: 1 },
          ...lines.map((line) => ({ productId: subscription, quantity: 2, durationId: monthly, ...line })),
        ],
      });
      order = await act(s.owner, order, 'submit');
      return act(s.owner, order, 'confirm');
    }

    async function contractsOf(orderId: string): Promise<Json[]> {
      const res = expectStatus(await a().get('/contracts?limit=100'), 200).body;
      return res.data
        .filter((c: { orderId: string }) => c.orderId === orderId)
        .sort((x: { startDate: string }, y: { startDate: string }) => x.startDate.localeCompare(y.startDate));
    }

    const lifecycle = () => t.app.get(ContractsLifecycle, { strict: false });

    it('confirm creates one contract per subscription line with SPEC dates (month-end clamping)', async () => {
      const year = Number(today().slice(0, 4)) + 1;
      const order = await confirmedOrder([
        {},
        { startDate: `${year}-01-31` },
        { startDate: `${year}-03-31`, durationId: yearly },
      ]);
      const contracts = await contractsOf(order.id);
      expect(contracts).toHaveLength(3);
      const [now, jan, mar] = contracts;
      expect(now).toMatchObject({
        status: 'active',
        startDate: today(),
        months: 1,
        quantity: 2,
        currency: 'AUD',
        customerId: customerA,
        productId: subscription,
        orderItemId: order.items[1].id,
        total: '200.00',
        previousContractId: null,
      });
      expect(now.activatedAt).toEqual(expect.any(String));
      expect(now.renewalDate).toBe(now.endDate);
      expect(jan).toMatchObject({
        status: 'pending',
        startDate: `${year}-01-31`,
        endDate: `${year}-02-28`,
        renewalDate: `${year}-02-28`,
        activatedAt: null,
      });
      expect(mar).toMatchObject({
        status: 'pending',
        startDate: `${year}-03-31`,
        endDate: `${year + 1}-03-31`,
        months: 12,
        total: '2400.00',
      });
      for (const contract of contracts) expect(await outbox(contract.id)).toEqual(['contract.created']);
      const one = expectStatus(await a().get(`/contracts/${jan.id}`), 200);
      expect(one.headers.etag).toBe('W/"1"');
      expect(one.body).toEqual(jan);
    });

    it('the lifecycle job activates due contracts and expires ended ones, per company date, idempotently', async () => {
      const year = Number(today().slice(0, 4)) + 1;
      const order = await confirmedOrder([{ startDate: `${year}-05-10` }]);
      const [contract] = await contractsOf(order.id);
      expect(contract).toMatchObject({
        status: 'pending',
        startDate: `${year}-05-10`,
        endDate: `${year}-06-10`,
      });

      // 14:30Z on May 9 is already May 10 in Sydney (UTC+10 in May): due there, not at 13:00Z.
      const sydneyMorning = new Date(`${year}-05-09T14:30:00.000Z`);
      await lifecycle().run(new Date(`${year}-05-09T13:00:00.000Z`));
      expect(expectStatus(await a().get(`/contracts/${contract.id}`), 200).body).toEqual(contract);
      expect(await lifecycle().run(sydneyMorning)).toBeGreaterThanOrEqual(1);
      const active = expectStatus(await a().get(`/contracts/${contract.id}`), 200).body;
      expect(active).toMatchObject({ status: 'active', version: 2, activatedAt: expect.any(String) });
      expect(await lifecycle().run(sydneyMorning)).toBe(0);
      expect(expectStatus(await a().get(`/contracts/${contract.id}`), 200).body).toEqual(active);

      await lifecycle().run(new Date(`${year}-06-10T01:00:00.000Z`));
      const expired = expectStatus(await a().get(`/contracts/${contract.id}`), 200).body;
      expect(expired).toMatchObject({ status: 'expired', version: 3 });
      expect(await lifecycle().run(new Date(`${year}-06-10T01:00:00.000Z`))).toBe(0);
      expect(await outbox(contract.id)).toEqual([
        'contract.created',
        'contract.activated',
        'contract.expired',
      ]);
      const audit: Array<{ actor_type: string }> = await t.dataSource.query(
        `SELECT actor_type FROM platform.audit_logs WHERE entity_id = $1 AND action = 'contract.status_changed'`,
        [contract.id],
      );
      expect(audit).toEqual([{ actor_type: 'system' }, { actor_type: 'system' }]);
    });

    it('is registered with the job queue, hourly, and runs from it', async () => {
      const schedule: unknown[] = await t.dataSource.query(
        `SELECT cron FROM pgboss.schedule WHERE name = 'contracts.lifecycle'`,
      );
      expect(schedule).toEqual([{ cron: '0 * * * *' }]);
      const id = await t.app.get(Jobs).send('contracts.lifecycle', {});
      const deadline = Date.now() + 20_000;
      let state = '';
      while (state !== 'completed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const rows: Array<{ state: string }> = await t.dataSource.query(
          `SELECT state FROM pgboss.job WHERE id = $1`,
          [id],
        );
        state = rows[0]?.state ?? '';
      }
      expect(state).toBe('completed');
    });

    it('activates, terminates and renews under If-Match with the SPEC rules', async () => {
      const year = Number(today().slice(0, 4)) + 1;
      const order = await confirmedOrder([{}, { startDate: `${year}-08-31` }]);
      const [active, pending] = await contractsOf(order.id);
      const post = (id: string, action: string, version?: number) => {
        const req = a().post(`/contracts/${id}/${action}`);
        return version === undefined ? req : req.set('If-Match', etag(version));
      };

      expectStatus(await post(pending.id, 'activate').send({}), 428);
      expectStatus(await post(pending.id, 'activate', 9).send({}), 412);
      const invalid = expectStatus(await post(active.id, 'activate', 1).send({}), 409);
      expect(invalid.body).toMatchObject({
        code: 'invalid_transition',
        currentState: 'active',
        allowed: ['expire', 'terminate', 'renew'],
      });
      const pendingRenew = expectStatus(await post(pending.id, 'renew', 1).send({}), 409);
      expect(pendingRenew.body).toMatchObject({ code: 'invalid_transition', currentState: 'pending' });

      const renewal = expectStatus(await post(active.id, 'renew', 1).send({ durationId: yearly }), 201).body;
      expect(renewal).toMatchObject({
        status: 'pending',
        previousContractId: active.id,
        orderItemId: null,
        startDate: active.endDate,
        months: 12,
        quantity: 2,
        total: '2400.00',
      });
      expect(expectStatus(await a().get(`/contracts/${active.id}`), 200).body).toEqual(active);
      const again = expectStatus(await post(active.id, 'renew', 1).send({}), 409);
      expect(again.body.code).toBe('already_renewed');
      expect(await outbox(renewal.id)).toEqual(['contract.renewed']);
      const badDuration = expectStatus(await post(pending.id, 'terminate', 1).send({}), 400);
      expect(badDuration.body.errors[0].path).toBe('reason');

      const terminated = expectStatus(
        await post(active.id, 'terminate', 1).send({ reason: 'Moved away' }),
        200,
      ).body;
      expect(terminated).toMatchObject({ status: 'terminated', terminationReason: 'Moved away', version: 2 });
      expect(terminated.terminatedAt).toEqual(expect.any(String));
      expectStatus(await post(active.id, 'terminate', 2).send({ reason: 'again' }), 409);
      expectStatus(await post(active.id, 'renew', 2).send({}), 409);

      const activated = expectStatus(await post(pending.id, 'activate', 1).send({}), 200).body;
      expect(activated).toMatchObject({ status: 'active', version: 2 });

      // An expired contract renews from today; an unknown duration is named.
      await lifecycle().run(new Date(`${year + 1}-01-01T00:00:00.000Z`));
      const expired = expectStatus(await a().get(`/contracts/${pending.id}`), 200).body;
      expect(expired.status).toBe('expired');
      const unknown = expectStatus(
        await post(pending.id, 'renew', expired.version).send({
          durationId: '01900000-0000-7000-8000-000000000000',
        }),
        400,
      );
      expect(unknown.body.errors[0]).toMatchObject({ path: 'durationId', code: 'reference_not_found' });
      const fromToday = expectStatus(await post(pending.id, 'renew', expired.version).send({}), 201).body;
      expect(fromToday).toMatchObject({ startDate: today(), status: 'pending', months: 1 });
    });

    it('cancelling an order is refused while a contract is active, and terminates its pending ones', async () => {
      const year = Number(today().slice(0, 4)) + 1;
      const withActive = await confirmedOrder([{}]);
      const refused = expectStatus(
        await a()
          .post(`/orders/${withActive.id}/cancel`)
          .set('If-Match', etag(withActive.version))
          .send({ reason: 'No' }),
        409,
      );
      expect(refused.body.code).toBe('contract_active');
      const next = expectStatus(await a().get(`/orders/${withActive.id}/next-states`), 200).body;
      expect(next).toContainEqual({
        action: 'cancel',
        to: 'cancelled',
        allowed: false,
        reasons: ['contract_active'],
      });

      const withPending = await confirmedOrder([{ startDate: `${year}-09-01` }]);
      await act(s.owner, withPending, 'cancel', { reason: 'Changed plans' });
      const [contract] = await contractsOf(withPending.id);
      expect(contract).toMatchObject({ status: 'terminated', terminationReason: 'order_cancelled' });
      expect(await outbox(contract.id)).toEqual(['contract.created', 'contract.terminated']);
    });

    it('lists with filters and a cursor', async () => {
      const year = Number(today().slice(0, 4)) + 1;
      const order = await confirmedOrder([{ startDate: `${year}-10-15` }, { startDate: `${year}-11-15` }]);
      const pending = expectStatus(
        await a().get(
          `/contracts?status=pending&productId=${subscription}&endFrom=${year}-11-15&endTo=${year}-12-16&sort=endDate`,
        ),
        200,
      ).body;
      expect(pending.data.map((c: { orderId: string; endDate: string }) => [c.orderId, c.endDate])).toEqual([
        [order.id, `${year}-11-15`],
        [order.id, `${year}-12-15`],
      ]);
      const first = expectStatus(await a().get(`/contracts?customerId=${customerA}&limit=1`), 200).body;
      const second = expectStatus(
        await a().get(`/contracts?customerId=${customerA}&limit=1&cursor=${first.page.nextCursor}`),
        200,
      ).body;
      expect(second.data[0].id).not.toBe(first.data[0].id);
      for (const query of ['status=done', 'endFrom=tomorrow', 'sort=total'])
        expectStatus(await a().get(`/contracts?${query}`), 400);
    });
  });

  describe('tenancy', () => {
    it('company B cannot read or change company A’s orders, lines, history, customer orders or contracts', async () => {
      const subscription = await createProduct(s.owner, { type: 'subscription' });
      const duration = await createDuration(s.owner, 3);
      let order = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: subscription, quantity: 1, durationId: duration }],
      });
      const draft = await createOrder(s.owner, {
        customerId: customerA,
        items: [{ productId: goodA, quantity: 1 }],
      });
      order = await act(s.owner, await act(s.owner, order, 'submit'), 'confirm');
      const contract = expectStatus(await a().get('/contracts?limit=1'), 200).body.data[0];
      const item = draft.items[0].id;
      const v = etag(1);

      const attempts: Array<[string, Promise<unknown>]> = [
        ['GET order', b().get(`/orders/${order.id}`)],
        ['PATCH order', b().patch(`/orders/${draft.id}`).set('If-Match', v).send({ notes: 'x' })],
        ['DELETE order', b().delete(`/orders/${draft.id}`).set('If-Match', v)],
        [
          'POST item',
          b().post(`/orders/${draft.id}/items`).set('If-Match', v).send({ productId: goodB, quantity: 1 }),
        ],
        [
          'PATCH item',
          b().patch(`/orders/${draft.id}/items/${item}`).set('If-Match', v).send({ quantity: 2 }),
        ],
        ['DELETE item', b().delete(`/orders/${draft.id}/items/${item}`).set('If-Match', v)],
        ['submit', b().post(`/orders/${draft.id}/submit`).set('If-Match', v)],
        ['confirm', b().post(`/orders/${order.id}/confirm`).set('If-Match', v)],
        ['fulfil', b().post(`/orders/${order.id}/fulfil`).set('If-Match', etag(order.version))],
        ['complete', b().post(`/orders/${order.id}/complete`).set('If-Match', v)],
        ['cancel', b().post(`/orders/${draft.id}/cancel`).set('If-Match', v).send({ reason: 'x' })],
        ['history', b().get(`/orders/${order.id}/history`)],
        ['next-states', b().get(`/orders/${order.id}/next-states`)],
        ['customer orders', b().get(`/customers/${customerA}/orders`)],
        ['GET contract', b().get(`/contracts/${contract.id}`)],
        ['activate', b().post(`/contracts/${contract.id}/activate`).set('If-Match', v)],
        [
          'terminate',
          b().post(`/contracts/${contract.id}/terminate`).set('If-Match', v).send({ reason: 'x' }),
        ],
        ['renew', b().post(`/contracts/${contract.id}/renew`).set('If-Match', v).send({})],
      ];
      for (const [what, request] of attempts) {
        const res = (await request) as Res;
        expect({ what, status: res.status, code: res.body.code }).toEqual({
          what,
          status: 404,
          code: 'not_found',
        });
      }
      const orders = expectStatus(await b().get('/orders?limit=100'), 200).body.data;
      expect(orders.map((o: Order) => o.id)).not.toEqual(expect.arrayContaining([order.id]));
      expect(expectStatus(await b().get(`/orders?customerId=${customerA}`), 200).body.data).toEqual([]);
      const contracts = expectStatus(await b().get('/contracts?limit=100'), 200).body.data;
      expect(contracts.map((c: { id: string }) => c.id)).not.toContain(contract.id);

      // Company A's rows are untouched.
      expect(expectStatus(await a().get(`/orders/${draft.id}`), 200).body).toEqual(draft);
      expect(expectStatus(await a().get(`/contracts/${contract.id}`), 200).body).toEqual(contract);
    });

    it('a user without a company gets 403 no_active_company', async () => {
      const res = expectStatus(await asUser(t, s.loner).get('/orders'), 403);
      expect(res.body.code).toBe('no_active_company');
    });
  });
});
