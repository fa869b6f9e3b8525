import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContextStore } from '@libs/core';
import { CatalogPricing } from '../../src/modules/catalog';
import { startTestApp, type TestApp } from '../support/test-app';
import { asUser, setUpTenants, type Tenants } from '../support/auth';

jest.setTimeout(120_000);

/** SPEC §6's worked-example ladder. */
const LADDER = [
  { minQty: 1, maxQty: 10, unitPrice: '10' },
  { minQty: 11, maxQty: 50, unitPrice: '8.0000' },
  { minQty: 51, unitPrice: '6' },
];

interface Versioned {
  id: string;
  version: number;
}

/** Runs `work` as a request of `companyId` would (what the auth guard sets up over HTTP). */
function inCompany<T>(companyId: string, work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  return cls.run(async () => {
    cls.set('companyId', companyId);
    cls.set('actor', { type: 'system', id: null });
    return work();
  });
}

describe('catalog & pricing (SPEC §6)', () => {
  let t: TestApp;
  let s: Tenants;
  const a = () => asUser(t, s.owner);
  const b = () => asUser(t, s.other);
  let skuCounter = 0;
  const sku = (prefix = 'SKU') => `${prefix}-${++skuCounter}`;

  function created<T = Versioned>(res: { status: number; body: unknown }): T {
    if (res.status !== 201) throw new Error(`expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  const createProduct = async (fields: object = {}) =>
    created(
      await a()
        .post('/products')
        .send({ sku: sku(), name: 'Widget', type: 'good', ...fields }),
    );

  async function priceProduct(productId: string, tierMode: 'graduated' | 'volume', tiers: object[] = LADDER) {
    const res = await a()
      .put(`/products/${productId}/price-tiers`)
      .send({ currency: 'AUD', tierMode, tiers });
    expect(res.status).toBe(200);
    return res;
  }

  async function outboxEvents(aggregateId: string): Promise<string[]> {
    const rows: Array<{ type: string }> = await t.dataSource.query(
      `SELECT type FROM platform.outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [aggregateId],
    );
    return rows.map((r) => r.type);
  }

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('permissions', () => {
    it('declares the catalog keys; a viewer reads but cannot write or quote', async () => {
      const keys: Array<{ key: string }> = await t.dataSource.query(
        `SELECT key FROM access.permissions WHERE domain = 'catalog' AND deprecated_at IS NULL ORDER BY key`,
      );
      expect(keys.map((k) => k.key)).toEqual([
        'catalog.category.read',
        'catalog.category.write',
        'catalog.duration.read',
        'catalog.duration.write',
        'catalog.price.write',
        'catalog.pricing.quote',
        'catalog.product.read',
        'catalog.product.write',
        'catalog.tax-rate.read',
        'catalog.tax-rate.write',
      ]);
      const viewer = asUser(t, s.viewer);
      expect((await viewer.get('/products')).status).toBe(200);
      expect((await viewer.get('/product-categories')).status).toBe(200);
      expect((await viewer.post('/products').send({ sku: sku(), name: 'x', type: 'good' })).status).toBe(403);
      expect((await viewer.post('/pricing/quote').send({ items: [] })).status).toBe(403);
    });
  });

  describe('tax rates', () => {
    it('keeps one default: making a rate the default unsets the previous one', async () => {
      const first = created<Versioned & { isDefault: boolean }>(
        await a().post('/tax-rates').send({ name: 'VAT 20', ratePercent: '20', isDefault: true }),
      );
      expect(first).toMatchObject({ ratePercent: '20.000', inclusive: false, isDefault: true, version: 1 });
      const second = await a()
        .post('/tax-rates')
        .send({ name: 'VAT 5', ratePercent: '5.5', isDefault: true });
      expect(second.status).toBe(201);
      const list = await a().get('/tax-rates');
      expect(list.status).toBe(200);
      expect(
        (list.body.data as Array<{ name: string; isDefault: boolean }>).map((r) => [r.name, r.isDefault]),
      ).toEqual([
        ['VAT 20', false],
        ['VAT 5', true],
      ]);
      // Clean up: these rates would otherwise be the default of the pricing tests below.
      for (const rate of list.body.data as Versioned[]) {
        expect((await a().delete(`/tax-rates/${rate.id}`)).status).toBe(204);
      }
      expect((await a().get('/tax-rates')).body.data).toEqual([]);
    });

    it('answers bad input, name clashes (ignoring case), stale ETags and deleted rates', async () => {
      const bad = await a().post('/tax-rates').send({ name: '', ratePercent: 10 });
      expect(bad.status).toBe(400);
      expect((bad.body.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
        'name',
        'ratePercent',
      ]);
      expect((await a().post('/tax-rates').send({ name: 'x', ratePercent: '100.5' })).status).toBe(400);
      const rate = created(await a().post('/tax-rates').send({ name: 'Reduced', ratePercent: '7' }));
      const clash = await a().post('/tax-rates').send({ name: 'REDUCED', ratePercent: '8' });
      expect(clash.status).toBe(409);
      const patched = await a()
        .patch(`/tax-rates/${rate.id}`)
        .set('If-Match', 'W/"1"')
        .send({ ratePercent: '7.25' });
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('W/"2"');
      expect(patched.body).toMatchObject({ ratePercent: '7.250', version: 2 });
      const stale = await a().patch(`/tax-rates/${rate.id}`).set('If-Match', 'W/"1"').send({ name: 'Other' });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
      expect((await a().delete(`/tax-rates/${rate.id}`).set('If-Match', 'W/"1"')).status).toBe(412);
      expect((await a().delete(`/tax-rates/${rate.id}`).set('If-Match', 'W/"2"')).status).toBe(204);
      expect((await a().patch(`/tax-rates/${rate.id}`).send({ name: 'Again' })).status).toBe(404);
      // The name is free again once the rate is deleted (partial unique).
      expect((await a().post('/tax-rates').send({ name: 'Reduced', ratePercent: '7' })).status).toBe(201);
    });

    it('refuses to delete a rate a product (even a deleted one) uses: 409 tax_rate_in_use', async () => {
      const rate = created(await a().post('/tax-rates').send({ name: 'Luxury', ratePercent: '33' }));
      const product = await createProduct({ taxRateId: rate.id });
      expect((await a().delete(`/products/${product.id}`)).status).toBe(204);
      const res = await a().delete(`/tax-rates/${rate.id}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('tax_rate_in_use');
    });
  });

  describe('durations', () => {
    it('creates, lists by months, filters active, refuses duplicate months, deletes', async () => {
      const twelve = created(await a().post('/durations').send({ name: '1 year', months: 12 }));
      expect(twelve).toMatchObject({ months: 12, discountPercent: '0.00', active: true });
      const six = created(
        await a()
          .post('/durations')
          .send({ name: '6 months', months: 6, discountPercent: '2.5', active: false }),
      );
      expect((await a().post('/durations').send({ name: 'Dup', months: 12 })).status).toBe(409);
      const bad = await a().post('/durations').send({ name: 'Bad', months: 0, discountPercent: '101' });
      expect(bad.status).toBe(400);
      expect((bad.body.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
        'discountPercent',
        'months',
      ]);
      const list = await a().get('/durations');
      expect((list.body.data as Array<{ months: number }>).map((d) => d.months)).toEqual([6, 12]);
      const active = await a().get('/durations?active=true');
      expect((active.body.data as Array<{ months: number }>).map((d) => d.months)).toEqual([12]);
      const patched = await a().patch(`/durations/${six.id}`).set('If-Match', 'W/"1"').send({ active: true });
      expect(patched.body).toMatchObject({ active: true, discountPercent: '2.50', version: 2 });
      expect((await a().delete(`/durations/${six.id}`).set('If-Match', 'W/"1"')).status).toBe(412);
      expect((await a().delete(`/durations/${six.id}`)).status).toBe(204);
      expect((await a().patch(`/durations/${six.id}`).send({ name: 'x' })).status).toBe(404);
      expect((await a().delete(`/durations/${twelve.id}`)).status).toBe(204);
    });
  });

  describe('product categories', () => {
    interface Category extends Versioned {
      name: string;
      parentId: string | null;
      depth: number;
    }
    const createCategory = async (name: string, parentId: string | null = null, position?: number) =>
      created<Category>(await a().post('/product-categories').send({ name, parentId, position }));

    it('lists the tree depth-first, siblings by position, and pages through it with a cursor', async () => {
      const hardware = await createCategory('Hardware', null, 2);
      const software = await createCategory('Software', null, 1);
      const saas = await createCategory('SaaS', software.id);
      const desktop = await createCategory('Desktop', software.id, 0);
      const cables = await createCategory('Cables', hardware.id);
      expect(saas.depth).toBe(2);
      const all = await a().get('/product-categories');
      expect(all.status).toBe(200);
      const order = [software, saas, desktop, hardware, cables].map((c) => c.id);
      expect((all.body.data as Category[]).map((c) => c.id)).toEqual(order);
      expect((all.body.data as Category[]).map((c) => c.depth)).toEqual([1, 2, 2, 1, 2]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await a().get(
          `/product-categories?limit=2&withTotal=true${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.page.total).toBe(5);
        seen.push(...(page.body.data as Category[]).map((c) => c.id));
        cursor = page.body.page.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(order);

      const children = await a().get(`/product-categories?parentId=${software.id}`);
      expect((children.body.data as Category[]).map((c) => c.name)).toEqual(['SaaS', 'Desktop']);

      // Sibling names are unique ignoring case, roots included (NULLS NOT DISTINCT).
      expect(
        (await a().post('/product-categories').send({ name: 'saas', parentId: software.id })).status,
      ).toBe(409);
      expect((await a().post('/product-categories').send({ name: 'HARDWARE' })).status).toBe(409);
      expect(
        (await a().post('/product-categories').send({ name: 'SaaS', parentId: hardware.id })).status,
      ).toBe(201);
    });

    it('keeps the tree at most 5 deep, refuses cycles, moves subtrees', async () => {
      const levels: Category[] = [await createCategory('L1')];
      for (let depth = 2; depth <= 5; depth++)
        levels.push(await createCategory(`L${depth}`, levels.at(-1)!.id));
      expect(levels.at(-1)!.depth).toBe(5);
      const tooDeep = await a().post('/product-categories').send({ name: 'L6', parentId: levels[4].id });
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.errors).toEqual([
        expect.objectContaining({ path: 'parentId', code: 'category_too_deep' }),
      ]);

      const cycle = await a().patch(`/product-categories/${levels[1].id}`).send({ parentId: levels[3].id });
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors).toEqual([
        expect.objectContaining({ path: 'parentId', code: 'category_cycle' }),
      ]);
      const self = await a().patch(`/product-categories/${levels[1].id}`).send({ parentId: levels[1].id });
      expect(self.body.errors).toEqual([expect.objectContaining({ code: 'category_cycle' })]);

      // A subtree of 2 levels (L4, L5) fits under L2 (depth 2 + 2 = 4) but not under a new L5-deep node.
      const other = await createCategory('Other root');
      const moved = await a()
        .patch(`/product-categories/${levels[3].id}`)
        .set('If-Match', 'W/"1"')
        .send({ parentId: other.id, name: 'L4 moved' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ parentId: other.id, name: 'L4 moved', depth: 2, version: 2 });
      expect(moved.headers.etag).toBe('W/"2"');
      const deepMove = await a().patch(`/product-categories/${other.id}`).send({ parentId: levels[2].id });
      expect(deepMove.body.errors).toEqual([expect.objectContaining({ code: 'category_too_deep' })]);
      const toRoot = await a().patch(`/product-categories/${levels[3].id}`).send({ parentId: null });
      expect(toRoot.body).toMatchObject({ parentId: null, depth: 1 });
      const stale = await a()
        .patch(`/product-categories/${levels[3].id}`)
        .set('If-Match', 'W/"1"')
        .send({ name: 'x' });
      expect(stale.status).toBe(412);
    });

    it('deletes only unused categories: 409 category_in_use with children or products', async () => {
      const parent = await createCategory('Parent');
      const child = await createCategory('Child', parent.id);
      const withChildren = await a().delete(`/product-categories/${parent.id}`);
      expect(withChildren.status).toBe(409);
      expect(withChildren.body.code).toBe('category_in_use');
      const product = await createProduct({ categoryId: child.id });
      expect((await a().delete(`/product-categories/${child.id}`)).body.code).toBe('category_in_use');
      expect((await a().patch(`/products/${product.id}`).send({ categoryId: null })).status).toBe(200);
      expect((await a().delete(`/product-categories/${child.id}`).set('If-Match', 'W/"9"')).status).toBe(412);
      expect((await a().delete(`/product-categories/${child.id}`)).status).toBe(204);
      expect((await a().delete(`/product-categories/${parent.id}`)).status).toBe(204);
      const list = await a().get('/product-categories');
      expect((list.body.data as Category[]).map((c) => c.id)).not.toContain(parent.id);
      const orphan = await a().post('/product-categories').send({ name: 'Orphan', parentId: parent.id });
      expect(orphan.status).toBe(400);
      expect(orphan.body.errors).toEqual([
        expect.objectContaining({ path: 'parentId', code: 'reference_not_found' }),
      ]);
      const badRef = await a()
        .post('/products')
        .send({ sku: sku(), name: 'x', type: 'good', categoryId: parent.id });
      expect(badRef.body.errors).toEqual([
        expect.objectContaining({ path: 'categoryId', code: 'reference_not_found' }),
      ]);
    });
  });

  describe('products', () => {
    it('creates with an ETag and publishes product.created; SKUs are unique ignoring case', async () => {
      const code = sku('Pro');
      const res = await a()
        .post('/products')
        .send({
          sku: code,
          name: '  Pro plan ',
          type: 'subscription',
          unit: 'seat',
          attributes: { tier: 'pro' },
        });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({
        sku: code,
        name: 'Pro plan',
        type: 'subscription',
        status: 'active',
        unit: 'seat',
        attributes: { tier: 'pro' },
        categoryId: null,
        taxRateId: null,
        firstUsedAt: null,
        createdBy: s.owner.id,
        version: 1,
      });
      expect(await outboxEvents(res.body.id)).toEqual(['product.created']);
      const got = await a().get(`/products/${res.body.id}`);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('W/"1"');
      const clash = await a().post('/products').send({ sku: code.toLowerCase(), name: 'x', type: 'good' });
      expect(clash.status).toBe(409);
      expect(clash.body.errors).toEqual([expect.objectContaining({ path: 'sku' })]);
    });

    it('answers bad input with 400 naming the field', async () => {
      const res = await a()
        .post('/products')
        .send({ sku: 'has space', name: '', type: 'gadget', attributes: { '1bad': true }, extra: 1 });
      expect(res.status).toBe(400);
      expect(new Set((res.body.errors as Array<{ path: string }>).map((e) => e.path))).toEqual(
        new Set(['sku', 'name', 'type', 'attributes', 'extra']),
      );
      expect((await a().get('/products/not-a-uuid')).body.code).toBe('invalid_id');
      expect((await a().get('/products?sort=price')).status).toBe(400);
      expect((await a().get('/products?status=gone')).status).toBe(400);
    });

    it('lists with filters, q, sorts and cursors', async () => {
      const tag = `Zq${Date.now().toString(36)}`;
      const names = ['Alpha', 'Bravo', 'Charlie'].map((n) => `${tag} ${n}`);
      const [p1, p2, p3] = [
        await createProduct({ name: names[0], type: 'service' }),
        await createProduct({ name: names[1], type: 'good', sku: `${tag}-b` }),
        await createProduct({ name: names[2], type: 'service' }),
      ];
      await a().post(`/products/${p3.id}/archive`);
      const q = await a().get(`/products?q=${tag.toLowerCase()}&sort=-name`);
      expect((q.body.data as Versioned[]).map((p) => p.id)).toEqual([p3.id, p2.id, p1.id]);
      const services = await a().get(`/products?q=${tag}&type=service,subscription&status=active`);
      expect((services.body.data as Versioned[]).map((p) => p.id)).toEqual([p1.id]);
      const bySku = await a().get(`/products?sku=${tag.toUpperCase()}-B`);
      expect((bySku.body.data as Versioned[]).map((p) => p.id)).toEqual([p2.id]);
      const page1 = await a().get(`/products?q=${tag}&limit=2&sort=createdAt`);
      expect((page1.body.data as Versioned[]).map((p) => p.id)).toEqual([p1.id, p2.id]);
      const page2 = await a().get(
        `/products?q=${tag}&limit=2&sort=createdAt&cursor=${page1.body.page.nextCursor}`,
      );
      expect((page2.body.data as Versioned[]).map((p) => p.id)).toEqual([p3.id]);
      expect(page2.body.page.nextCursor).toBeNull();
      const mismatch = await a().get(`/products?q=${tag}&sort=name&cursor=${page1.body.page.nextCursor}`);
      expect(mismatch.body.code).toBe('cursor_mismatch');
      // A LIKE wildcard in q matches itself only.
      expect((await a().get(`/products?q=${tag}%25`)).body.data).toEqual([]);
    });

    it('updates under If-Match and publishes product.updated', async () => {
      const product = await createProduct();
      const res = await a()
        .patch(`/products/${product.id}`)
        .set('If-Match', 'W/"1"')
        .send({ name: 'Renamed' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({ name: 'Renamed', version: 2, updatedBy: s.owner.id });
      const stale = await a()
        .patch(`/products/${product.id}`)
        .set('If-Match', 'W/"1"')
        .send({ name: 'Late' });
      expect(stale.status).toBe(412);
      expect(await outboxEvents(product.id)).toEqual(['product.created', 'product.updated']);
    });

    it('archives and unarchives (If-Match, invalid_transition) and publishes product.archived', async () => {
      const product = await createProduct();
      expect((await a().post(`/products/${product.id}/archive`).set('If-Match', 'W/"7"')).status).toBe(412);
      const archived = await a().post(`/products/${product.id}/archive`).set('If-Match', 'W/"1"');
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ status: 'archived', version: 2 });
      const again = await a().post(`/products/${product.id}/archive`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'invalid_transition',
        currentState: 'archived',
        allowed: ['unarchive'],
      });
      const active = await a().post(`/products/${product.id}/unarchive`);
      expect(active.body).toMatchObject({ status: 'active', version: 3 });
      expect((await a().post(`/products/${product.id}/unarchive`)).body.code).toBe('invalid_transition');
      expect(await outboxEvents(product.id)).toEqual([
        'product.created',
        'product.archived',
        'product.updated',
      ]);
    });

    it('soft-deletes, lists deleted ones for writers only, restores (409 when the SKU was reused)', async () => {
      const code = sku('Del');
      const product = await createProduct({ sku: code });
      expect((await a().delete(`/products/${product.id}`).set('If-Match', 'W/"9"')).status).toBe(412);
      expect((await a().delete(`/products/${product.id}`).set('If-Match', 'W/"1"')).status).toBe(204);
      expect((await a().get(`/products/${product.id}`)).status).toBe(404);
      expect((await a().delete(`/products/${product.id}`)).status).toBe(404);
      const deleted = await a().get(`/products?deleted=only&sku=${code}`);
      expect((deleted.body.data as Array<Versioned & { deletedAt: string }>).map((p) => p.id)).toEqual([
        product.id,
      ]);
      expect((deleted.body.data as Array<{ deletedAt: string | null }>)[0].deletedAt).not.toBeNull();
      expect((await asUser(t, s.viewer).get('/products?deleted=only')).status).toBe(403);
      const restored = await a().post(`/products/${product.id}/restore`).set('If-Match', 'W/"2"');
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id: product.id, deletedAt: null, version: 3 });
      expect((await a().get(`/products/${product.id}`)).status).toBe(200);

      expect((await a().delete(`/products/${product.id}`)).status).toBe(204);
      await createProduct({ sku: code.toLowerCase() });
      const clash = await a().post(`/products/${product.id}/restore`);
      expect(clash.status).toBe(409);
    });

    it('refuses to delete a product once used on a document line (409 product_in_use); archive instead', async () => {
      const product = await createProduct();
      const pricing = t.app.get(CatalogPricing);
      await inCompany(s.companyA.id, () => pricing.markProductsUsed([product.id]));
      const [row] = await t.dataSource.query<Array<{ first_used_at: Date; version: number }>>(
        `SELECT first_used_at, version FROM catalog.products WHERE id = $1`,
        [product.id],
      );
      expect(row.first_used_at).toBeInstanceOf(Date);
      expect(row.version).toBe(1);
      await inCompany(s.companyA.id, () => pricing.markProductsUsed([product.id]));
      const [again] = await t.dataSource.query<Array<{ first_used_at: Date }>>(
        `SELECT first_used_at FROM catalog.products WHERE id = $1`,
        [product.id],
      );
      expect(again.first_used_at).toEqual(row.first_used_at);
      const res = await a().delete(`/products/${product.id}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('product_in_use');
      expect((await a().post(`/products/${product.id}/archive`)).status).toBe(200);
      // Another company's product does not resolve in A.
      const foreign = created(await b().post('/products').send({ sku: sku(), name: 'B', type: 'good' }));
      const error = await inCompany(s.companyA.id, () => pricing.markProductsUsed([foreign.id])).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        status: 400,
        errors: [{ path: 'productIds[0]', code: 'reference_not_found' }],
      });
    });
  });

  describe('price ladders', () => {
    it('replaces a currency ladder under the product ETag and reads it back', async () => {
      const product = await createProduct();
      const res = await a()
        .put(`/products/${product.id}/price-tiers`)
        .set('If-Match', 'W/"1"')
        .send({ currency: 'aud', tierMode: 'graduated', tiers: LADDER });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toEqual({
        currency: 'AUD',
        tierMode: 'graduated',
        tiers: [
          { minQty: 1, maxQty: 10, unitPrice: '10.0000' },
          { minQty: 11, maxQty: 50, unitPrice: '8.0000' },
          { minQty: 51, maxQty: null, unitPrice: '6.0000' },
        ],
      });
      const replaced = await a()
        .put(`/products/${product.id}/price-tiers`)
        .set('If-Match', 'W/"2"')
        .send({
          currency: 'AUD',
          tierMode: 'volume',
          tiers: [{ minQty: 1, maxQty: null, unitPrice: '9.99' }],
        });
      expect(replaced.status).toBe(200);
      await a()
        .put(`/products/${product.id}/price-tiers`)
        .send({ currency: 'EUR', tierMode: 'graduated', tiers: [{ minQty: 1, unitPrice: '1.5' }] });
      const all = await a().get(`/products/${product.id}/price-tiers`);
      expect(all.status).toBe(200);
      expect(all.headers.etag).toBe('W/"4"');
      expect(all.body).toEqual({
        data: [
          { currency: 'AUD', tierMode: 'volume', tiers: [{ minQty: 1, maxQty: null, unitPrice: '9.9900' }] },
          {
            currency: 'EUR',
            tierMode: 'graduated',
            tiers: [{ minQty: 1, maxQty: null, unitPrice: '1.5000' }],
          },
        ],
      });
      const eur = await a().get(`/products/${product.id}/price-tiers?currency=eur`);
      expect((eur.body.data as Array<{ currency: string }>).map((l) => l.currency)).toEqual(['EUR']);
      const stale = await a()
        .put(`/products/${product.id}/price-tiers`)
        .set('If-Match', 'W/"1"')
        .send({ currency: 'AUD', tierMode: 'volume', tiers: LADDER });
      expect(stale.status).toBe(412);
      expect(await outboxEvents(product.id)).toEqual([
        'product.created',
        'product.updated',
        'product.updated',
        'product.updated',
      ]);

      expect(
        (await a().delete(`/products/${product.id}/price-tiers/EUR`).set('If-Match', 'W/"3"')).status,
      ).toBe(412);
      expect(
        (await a().delete(`/products/${product.id}/price-tiers/eur`).set('If-Match', 'W/"4"')).status,
      ).toBe(204);
      expect((await a().delete(`/products/${product.id}/price-tiers/EUR`)).status).toBe(404);
      const left = await a().get(`/products/${product.id}/price-tiers`);
      expect((left.body.data as Array<{ currency: string }>).map((l) => l.currency)).toEqual(['AUD']);
      expect(left.headers.etag).toBe('W/"5"');
    });

    it.each([
      [
        'does not start at 1',
        [{ minQty: 2, maxQty: null, unitPrice: '1' }],
        'tiers[0].minQty',
        'tier_not_from_one',
      ],
      [
        'has a gap',
        [
          { minQty: 1, maxQty: 10, unitPrice: '1' },
          { minQty: 12, unitPrice: '1' },
        ],
        'tiers[1].minQty',
        'tier_gap',
      ],
      [
        'overlaps',
        [
          { minQty: 1, maxQty: 10, unitPrice: '1' },
          { minQty: 5, unitPrice: '1' },
        ],
        'tiers[1].minQty',
        'tier_overlap',
      ],
      [
        'has an open band before the last',
        [
          { minQty: 1, maxQty: null, unitPrice: '1' },
          { minQty: 11, unitPrice: '1' },
        ],
        'tiers[0].maxQty',
        'open_band_not_last',
      ],
      ['has max < min', [{ minQty: 1, maxQty: 0, unitPrice: '1' }], 'tiers[0].maxQty', 'min'],
      ['has a negative price', [{ minQty: 1, unitPrice: '-1' }], 'tiers[0].unitPrice', 'invalid_price'],
      ['has a 5-dp price', [{ minQty: 1, unitPrice: '1.00001' }], 'tiers[0].unitPrice', 'invalid_price'],
      ['has a JSON number price', [{ minQty: 1, unitPrice: 1 }], 'tiers[0].unitPrice', 'invalid_price'],
      ['has no band', [], 'tiers', 'validation_failed'],
    ])('refuses a ladder that %s (400 naming the band)', async (_label, tiers, path, code) => {
      const product = await createProduct();
      const res = await a()
        .put(`/products/${product.id}/price-tiers`)
        .send({ currency: 'AUD', tierMode: 'graduated', tiers });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path, code })]);
      expect((await a().get(`/products/${product.id}/price-tiers`)).body.data).toEqual([]);
    });

    it('refuses an inverted band and a currency unknown to the reference data', async () => {
      const product = await createProduct();
      const inverted = await a()
        .put(`/products/${product.id}/price-tiers`)
        .send({
          currency: 'AUD',
          tierMode: 'graduated',
          tiers: [
            { minQty: 1, maxQty: 5, unitPrice: '1' },
            { minQty: 6, maxQty: 3, unitPrice: '1' },
          ],
        });
      expect(inverted.body.errors).toEqual([
        expect.objectContaining({ path: 'tiers[1].maxQty', code: 'tier_overlap' }),
      ]);
      const unknown = await a()
        .put(`/products/${product.id}/price-tiers`)
        .send({ currency: 'ZZZ', tierMode: 'graduated', tiers: [{ minQty: 1, unitPrice: '1' }] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ path: 'currency', code: 'reference_not_found' }),
      ]);
      expect((await a().get(`/products/${product.id}`)).body.version).toBe(1);
    });
  });

  describe('POST /pricing/quote', () => {
    let goodGraduated: Versioned;
    let goodVolume: Versioned;
    let subGraduated: Versioned;
    let subVolume: Versioned;
    let twoYears: Versioned;
    let inclusiveRate: Versioned;

    const quote = (body: object) => a().post('/pricing/quote').send(body);

    beforeAll(async () => {
      goodGraduated = await createProduct({ name: 'Graduated good' });
      goodVolume = await createProduct({ name: 'Volume good' });
      subGraduated = await createProduct({ name: 'Graduated plan', type: 'subscription' });
      subVolume = await createProduct({ name: 'Volume plan', type: 'subscription' });
      await priceProduct(goodGraduated.id, 'graduated');
      await priceProduct(goodVolume.id, 'volume');
      await priceProduct(subGraduated.id, 'graduated');
      await priceProduct(subVolume.id, 'volume');
      twoYears = created(
        await a().post('/durations').send({ name: '2 years', months: 24, discountPercent: '10' }),
      );
      created(await a().post('/tax-rates').send({ name: 'GST', ratePercent: '10', isDefault: true }));
      inclusiveRate = created(
        await a().post('/tax-rates').send({ name: 'GST included', ratePercent: '10', inclusive: true }),
      );
    });

    it('prices the worked example: 25 units graduated 220.00, volume 200.00, in the company currency', async () => {
      const res = await quote({
        items: [
          { productId: goodGraduated.id, quantity: 25 },
          { productId: goodVolume.id, quantity: 25 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.currency).toBe('AUD');
      expect(res.body.items[0]).toMatchObject({
        productId: goodGraduated.id,
        productType: 'good',
        tierMode: 'graduated',
        quantity: 25,
        months: 1,
        bands: [
          { minQty: 1, maxQty: 10, unitPrice: '10.0000', quantity: 10, amount: '100.00' },
          { minQty: 11, maxQty: 50, unitPrice: '8.0000', quantity: 15, amount: '120.00' },
        ],
        gross: '220.00',
        subtotal: '220.00',
        total: '220.00',
        unitPriceEffective: '8.8000',
      });
      expect(res.body.items[1]).toMatchObject({
        tierMode: 'volume',
        bands: [{ minQty: 11, maxQty: 50, unitPrice: '8.0000', quantity: 25, amount: '200.00' }],
        gross: '200.00',
        total: '200.00',
      });
      // Not tax-registered (the default): no tax on any line.
      expect(res.body).toMatchObject({ subtotal: '420.00', discount: '0.00', tax: '0.00', total: '420.00' });
      expect(res.body.items[0]).toMatchObject({ taxRate: '0.000', tax: '0.00' });
    });

    it('prices 24 months with a 10 % duration discount and tax, exclusive and inclusive', async () => {
      const registered = await a().put('/companies/current/billing-details').send({ taxRegistered: true });
      expect(registered.status).toBe(200);
      const items = [
        { productId: subGraduated.id, quantity: 25, durationId: twoYears.id },
        { productId: subVolume.id, quantity: 25, durationId: twoYears.id },
      ];
      const exclusive = await quote({ currency: 'AUD', items });
      expect(exclusive.status).toBe(200);
      expect(exclusive.body.items[0]).toMatchObject({
        months: 24,
        durationId: twoYears.id,
        durationDiscountPercent: '10.00',
        discountPercent: '0.00',
        gross: '5280.00',
        discount: '528.00',
        subtotal: '4752.00',
        taxRate: '10.000',
        taxInclusive: false,
        tax: '475.20',
        total: '5227.20',
      });
      expect(exclusive.body.items[1]).toMatchObject({
        gross: '4800.00',
        discount: '480.00',
        subtotal: '4320.00',
        tax: '432.00',
        total: '4752.00',
      });
      expect(exclusive.body).toMatchObject({
        subtotal: '9072.00',
        discount: '1008.00',
        tax: '907.20',
        total: '9979.20',
      });

      for (const product of [subGraduated, subVolume]) {
        expect(
          (await a().patch(`/products/${product.id}`).send({ taxRateId: inclusiveRate.id })).status,
        ).toBe(200);
      }
      const inclusive = await quote({ items });
      expect(inclusive.body.items[0]).toMatchObject({ taxInclusive: true, tax: '432.00', total: '4752.00' });
      expect(inclusive.body.items[1]).toMatchObject({ taxInclusive: true, tax: '392.73', total: '4320.00' });
      expect(inclusive.body).toMatchObject({ tax: '824.73', total: '9072.00' });

      const manual = await quote({ items: [{ ...items[0], discountPercent: '20' }] });
      expect(manual.body.items[0]).toMatchObject({
        discountPercent: '20.00',
        discount: '1478.40',
        subtotal: '3801.60',
      });
    });

    it('writes nothing', async () => {
      const before = await t.dataSource.query(`SELECT count(*) FROM platform.outbox_events`);
      await quote({ items: [{ productId: goodGraduated.id, quantity: 3 }] });
      expect(await t.dataSource.query(`SELECT count(*) FROM platform.outbox_events`)).toEqual(before);
    });

    it('names every faulty line: unknown, archived, unpriced products; missing or refused durations', async () => {
      const archived = await createProduct();
      await priceProduct(archived.id, 'volume');
      await a().post(`/products/${archived.id}/archive`);
      const unpriced = await createProduct();
      const inactive = created(await a().post('/durations').send({ name: 'Old', months: 36, active: false }));
      const closed = await createProduct();
      await priceProduct(closed.id, 'graduated', [{ minQty: 1, maxQty: 10, unitPrice: '1' }]);
      const res = await quote({
        items: [
          { productId: '0194f5a0-0000-7000-8000-000000000000', quantity: 1 },
          { productId: archived.id, quantity: 1 },
          { productId: unpriced.id, quantity: 1 },
          { productId: subGraduated.id, quantity: 1 },
          { productId: subGraduated.id, quantity: 1, durationId: inactive.id },
          { productId: goodGraduated.id, quantity: 1, durationId: twoYears.id },
          { productId: closed.id, quantity: 11 },
          { productId: subVolume.id, quantity: 1, durationId: '0194f5a0-0000-7000-8000-000000000000' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect((res.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])).toEqual(
        [
          ['items[0].productId', 'reference_not_found'],
          ['items[1].productId', 'product_archived'],
          ['items[2].productId', 'no_price_in_currency'],
          ['items[3].durationId', 'duration_required'],
          ['items[4].durationId', 'duration_inactive'],
          ['items[5].durationId', 'duration_not_applicable'],
          ['items[6].quantity', 'quantity_not_priced'],
          ['items[7].durationId', 'reference_not_found'],
        ],
      );
      const eur = await quote({ currency: 'EUR', items: [{ productId: goodGraduated.id, quantity: 1 }] });
      expect(eur.body).toMatchObject({
        code: 'no_price_in_currency',
        errors: [{ path: 'items[0].productId', code: 'no_price_in_currency' }],
      });
    });

    it('checks quantities, percentages and shapes', async () => {
      const res = await quote({
        currency: 'au',
        items: [
          { productId: goodGraduated.id, quantity: 0 },
          { productId: goodGraduated.id, quantity: 1_000_001, discountPercent: 10 },
          { productId: goodGraduated.id, quantity: 2.5, discountPercent: '100.5' },
        ],
      });
      expect(res.status).toBe(400);
      expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual([
        'currency',
        'items[0].quantity',
        'items[1].quantity',
        'items[1].discountPercent',
        'items[2].quantity',
        'items[2].discountPercent',
      ]);
      expect((await quote({ items: [] })).body.errors).toEqual([expect.objectContaining({ path: 'items' })]);
      const unknownField = await quote({ items: [{ productId: goodGraduated.id, quantity: 1, price: '1' }] });
      expect(unknownField.body.errors).toEqual([
        expect.objectContaining({ path: 'items[0].price', code: 'unknown_field' }),
      ]);
      const ok = await quote({
        items: [{ productId: goodGraduated.id, quantity: 1_000_000, discountPercent: '100' }],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.items[0]).toMatchObject({ subtotal: '0.00', total: '0.00' });
    });
  });

  describe('tenancy: company B never reaches company A', () => {
    let product: Versioned;
    let category: Versioned;
    let duration: Versioned;
    let taxRate: Versioned;

    beforeAll(async () => {
      product = await createProduct({ name: 'Secret A' });
      await priceProduct(product.id, 'graduated');
      category = created(await a().post('/product-categories').send({ name: 'A only' }));
      duration = created(await a().post('/durations').send({ name: 'A term', months: 48 }));
      taxRate = created(await a().post('/tax-rates').send({ name: 'A rate', ratePercent: '3' }));
    });

    it("answers 404 on every route for A's ids", async () => {
      const responses = await Promise.all([
        b().get(`/products/${product.id}`),
        b().patch(`/products/${product.id}`).send({ name: 'Stolen' }),
        b().delete(`/products/${product.id}`),
        b().post(`/products/${product.id}/restore`),
        b().post(`/products/${product.id}/archive`),
        b().post(`/products/${product.id}/unarchive`),
        b().get(`/products/${product.id}/price-tiers`),
        b()
          .put(`/products/${product.id}/price-tiers`)
          .send({ currency: 'AUD', tierMode: 'volume', tiers: LADDER }),
        b().delete(`/products/${product.id}/price-tiers/AUD`),
        b().patch(`/product-categories/${category.id}`).send({ name: 'Stolen' }),
        b().delete(`/product-categories/${category.id}`),
        b().patch(`/durations/${duration.id}`).send({ name: 'Stolen' }),
        b().delete(`/durations/${duration.id}`),
        b().patch(`/tax-rates/${taxRate.id}`).send({ name: 'Stolen' }),
        b().delete(`/tax-rates/${taxRate.id}`),
      ]);
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 404));
      const [row] = await t.dataSource.query<
        Array<{ name: string; version: number; deleted_at: Date | null }>
      >(`SELECT name, version, deleted_at FROM catalog.products WHERE id = $1`, [product.id]);
      expect(row).toEqual({ name: 'Secret A', version: 2, deleted_at: null });
      expect((await a().get(`/products/${product.id}/price-tiers`)).body.data).toHaveLength(1);
    });

    it("lists none of A's rows to B", async () => {
      const [products, categories, durations, taxRates] = await Promise.all([
        b().get('/products?limit=100'),
        b().get('/product-categories?limit=100'),
        b().get('/durations?limit=100'),
        b().get('/tax-rates?limit=100'),
      ]);
      const ids = [products, categories, durations, taxRates].flatMap((r) =>
        (r.body.data as Versioned[]).map((row) => row.id),
      );
      for (const id of [product.id, category.id, duration.id, taxRate.id]) expect(ids).not.toContain(id);
      expect((await b().get(`/product-categories?parentId=${category.id}`)).body.data).toEqual([]);
    });

    it("treats A's ids in B's bodies as unknown references (400 reference_not_found)", async () => {
      const quoted = await b()
        .post('/pricing/quote')
        .send({ items: [{ productId: product.id, quantity: 1 }] });
      expect(quoted.status).toBe(400);
      expect(quoted.body).toMatchObject({
        code: 'reference_not_found',
        errors: [{ path: 'items[0].productId', code: 'reference_not_found' }],
      });
      const own = created(
        await b().post('/products').send({ sku: sku(), name: 'B plan', type: 'subscription' }),
      );
      await b()
        .put(`/products/${own.id}/price-tiers`)
        .send({ currency: 'AUD', tierMode: 'volume', tiers: [{ minQty: 1, unitPrice: '1' }] })
        .expect(200);
      const withDuration = await b()
        .post('/pricing/quote')
        .send({ items: [{ productId: own.id, quantity: 1, durationId: duration.id }] });
      expect(withDuration.body.errors).toEqual([
        expect.objectContaining({ path: 'items[0].durationId', code: 'reference_not_found' }),
      ]);
      const refs = await b()
        .post('/products')
        .send({ sku: sku(), name: 'x', type: 'good', categoryId: category.id, taxRateId: taxRate.id });
      expect(refs.status).toBe(400);
      expect(refs.body.errors).toEqual([
        expect.objectContaining({ path: 'categoryId', code: 'reference_not_found' }),
      ]);
      const rate = await b()
        .post('/products')
        .send({ sku: sku(), name: 'x', type: 'good', taxRateId: taxRate.id });
      expect(rate.body.errors).toEqual([
        expect.objectContaining({ path: 'taxRateId', code: 'reference_not_found' }),
      ]);
      const child = await b().post('/product-categories').send({ name: 'Child', parentId: category.id });
      expect(child.body.errors).toEqual([
        expect.objectContaining({ path: 'parentId', code: 'reference_not_found' }),
      ]);
      // B's SKU space is its own: A's SKU is free in B.
      const [{ sku: aSku }] = await t.dataSource.query<Array<{ sku: string }>>(
        `SELECT sku FROM catalog.products WHERE id = $1`,
        [product.id],
      );
      expect((await b().post('/products').send({ sku: aSku, name: 'Same SKU', type: 'good' })).status).toBe(
        201,
      );
    });
  });
});
