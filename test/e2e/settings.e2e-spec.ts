import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContextStore } from '@libs/core';
import { Settings } from '../../src/modules/settings';
import { asUser, setUpTenants, type Tenants } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const TERMS = 'billing.payment_terms_days';
const PREFIX = 'billing.invoice_prefix';
const SLA = 'conversations.default_sla_policy_id';
const LOG_RETENTION = 'platform.log_retention_days';

interface SettingBody {
  key: string;
  value: unknown;
  source: string;
  type: string;
  category: string;
  description: string;
  companyOverridable: boolean;
}

function inCompany<T>(companyId: string | undefined, work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  return cls.run(async () => {
    cls.set('companyId', companyId);
    return work();
  });
}

describe('settings (SPEC §11.4)', () => {
  let t: TestApp;
  let s: Tenants;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
    // The owner of company B operates the installation too.
    await t.dataSource.query(`UPDATE identity.users SET is_platform_admin = true WHERE id = $1`, [
      s.other.id,
    ]);
  });
  afterAll(() => t.close());

  async function settingOf(user: { accessToken: string }, key: string): Promise<SettingBody> {
    const res = await asUser(t, user).get('/settings').expect(200);
    const found = (res.body as SettingBody[]).find((setting) => setting.key === key);
    if (!found) throw new Error(`GET /settings has no ${key}`);
    return found;
  }

  const put = (user: { accessToken: string }, key: string, value: unknown, scope?: string) =>
    asUser(t, user)
      .put(`/settings/${key}${scope ? `?scope=${scope}` : ''}`)
      .send({ value });

  describe('GET /settings', () => {
    it('lists every declared setting with its default, type, category and overridability', async () => {
      const res = await asUser(t, s.owner).get('/settings').expect(200);
      const byKey = new Map((res.body as SettingBody[]).map((setting) => [setting.key, setting]));
      expect(byKey.get(TERMS)).toEqual({
        key: TERMS,
        value: 14,
        source: 'default',
        type: 'integer',
        category: 'billing',
        description: expect.any(String),
        companyOverridable: true,
      });
      expect(byKey.get(PREFIX)).toMatchObject({ value: 'INV', type: 'string' });
      expect(byKey.get('orders.order_prefix')).toMatchObject({ value: 'ORD' });
      expect(byKey.get(SLA)).toMatchObject({ value: null, category: 'conversations' });
      expect(byKey.get('platform.audit_retention_days')).toMatchObject({
        value: 365,
        companyOverridable: true,
      });
      expect(byKey.get(LOG_RETENTION)).toMatchObject({ value: 90, companyOverridable: false });
    });

    it('filters by category; a malformed category is 400', async () => {
      const res = await asUser(t, s.owner).get('/settings?category=billing').expect(200);
      expect((res.body as SettingBody[]).map((setting) => setting.key).sort()).toEqual([PREFIX, TERMS]);
      const bad = await asUser(t, s.owner).get('/settings?category=Billing!').expect(400);
      expect(bad.body.errors[0].path).toBe('category');
    });

    it('needs platform.setting.read and a company', async () => {
      await asUser(t, s.viewer).get('/settings').expect(200);
      const loner = await asUser(t, s.loner).get('/settings').expect(403);
      expect(loner.body.code).toBe('no_active_company');
    });
  });

  describe('PUT /settings/:key', () => {
    it('overrides the company value, audited, and answers the effective setting', async () => {
      const res = await put(s.owner, TERMS, 30).expect(200);
      expect(res.body).toMatchObject({ key: TERMS, value: 30, source: 'company' });
      expect(await settingOf(s.owner, TERMS)).toMatchObject({ value: 30, source: 'company' });
      const audit = await t.dataSource.query(
        `SELECT action, changes, actor_id FROM platform.audit_logs
          WHERE entity_type = 'setting' AND company_id = $1 ORDER BY created_at, id`,
        [s.companyA.id],
      );
      expect(audit).toEqual([
        {
          action: 'setting.created',
          changes: { key: [null, TERMS], value: [null, 30] },
          actor_id: s.owner.id,
        },
      ]);

      await put(s.owner, TERMS, 45).expect(200);
      await put(s.owner, TERMS, 45).expect(200); // the same value again: nothing changes
      const rows: Array<{ version: number; value: number }> = await t.dataSource.query(
        `SELECT version, value FROM platform.settings WHERE company_id = $1 AND key = $2`,
        [s.companyA.id, TERMS],
      );
      expect(rows).toEqual([{ version: 2, value: 45 }]);
      const updates = await t.dataSource.query(
        `SELECT changes FROM platform.audit_logs WHERE company_id = $1 AND action = 'setting.updated'`,
        [s.companyA.id],
      );
      expect(updates).toEqual([{ changes: { value: [30, 45] } }]);
    });

    it('answers 400 naming `value` for a wrong type, a bound, a pattern, a missing or a null value', async () => {
      for (const [key, value, message] of [
        [TERMS, '30', 'must be a number'],
        [TERMS, 2.5, 'must be an integer'],
        [TERMS, 366, 'must be at most 365'],
        [PREFIX, 'inv', 'must match'],
        [PREFIX, null, 'must not be null'],
        [SLA, 'not-a-uuid', 'must match'],
      ] as const) {
        const res = await put(s.owner, key, value).expect(400);
        expect(res.body.errors).toEqual([
          { path: 'value', code: 'invalid_value', message: expect.stringContaining(message) },
        ]);
      }
      const missing = await asUser(t, s.owner).put(`/settings/${TERMS}`).send({}).expect(400);
      expect(missing.body.errors[0].path).toBe('value');
      const unknownField = await asUser(t, s.owner)
        .put(`/settings/${TERMS}`)
        .send({ value: 3, x: 1 })
        .expect(400);
      expect(unknownField.body.errors[0].path).toBe('x');
    });

    it('accepts null where the setting allows it (a nullable id)', async () => {
      const id = '01900000-0000-7000-8000-00000000abcd';
      expect((await put(s.owner, SLA, id).expect(200)).body).toMatchObject({ value: id, source: 'company' });
      expect((await put(s.owner, SLA, null).expect(200)).body).toMatchObject({
        value: null,
        source: 'company',
      });
    });

    it('answers 404 for an unknown key and 409 for a setting companies cannot override', async () => {
      await put(s.owner, 'billing.no_such_thing', 1).expect(404);
      await asUser(t, s.owner).delete('/settings/billing.no_such_thing').expect(404);
      const res = await put(s.owner, LOG_RETENTION, 30).expect(409);
      expect(res.body.code).toBe('setting_not_overridable');
    });

    it('needs platform.setting.write', async () => {
      await put(s.viewer, TERMS, 10).expect(403);
      await asUser(t, s.viewer).delete(`/settings/${TERMS}`).expect(403);
    });
  });

  describe('installation scope', () => {
    it('needs a platform admin', async () => {
      const res = await put(s.owner, PREFIX, 'BILL', 'installation').expect(403);
      expect(res.body.code).toBe('forbidden');
      await asUser(t, s.owner).delete(`/settings/${PREFIX}?scope=installation`).expect(403);
      await put(s.owner, PREFIX, 'BILL', 'everywhere').expect(400);
    });

    it('applies to every company without its own value: company ?? installation ?? default', async () => {
      await put(s.other, PREFIX, 'BILL', 'installation').expect(200);
      await put(s.other, LOG_RETENTION, 30, 'installation').expect(200);
      expect(await settingOf(s.owner, PREFIX)).toMatchObject({ value: 'BILL', source: 'installation' });
      expect(await settingOf(s.other, LOG_RETENTION)).toMatchObject({ value: 30, source: 'installation' });
      const audit = await t.dataSource.query(
        `SELECT company_id, actor_id FROM platform.audit_logs
          WHERE action = 'setting.created' AND changes->'key'->>1 = $1`,
        [PREFIX],
      );
      expect(audit).toEqual([{ company_id: null, actor_id: s.other.id }]);

      await put(s.owner, PREFIX, 'AINV').expect(200);
      expect(await settingOf(s.owner, PREFIX)).toMatchObject({ value: 'AINV', source: 'company' });
      expect(await settingOf(s.other, PREFIX)).toMatchObject({ value: 'BILL', source: 'installation' });

      // Revert: the company's value goes, the installation's applies again; then back to the default.
      await asUser(t, s.owner).delete(`/settings/${PREFIX}`).expect(204);
      expect(await settingOf(s.owner, PREFIX)).toMatchObject({ value: 'BILL', source: 'installation' });
      await asUser(t, s.other).delete(`/settings/${PREFIX}?scope=installation`).expect(204);
      expect(await settingOf(s.owner, PREFIX)).toMatchObject({ value: 'INV', source: 'default' });
      // Reverting what is not set is fine.
      await asUser(t, s.owner).delete(`/settings/${PREFIX}`).expect(204);
      const deleted = await t.dataSource.query(
        `SELECT snapshot->>'value' AS value FROM platform.audit_logs
          WHERE action = 'setting.deleted' AND snapshot->>'key' = $1 ORDER BY created_at, id`,
        [PREFIX],
      );
      expect(deleted).toEqual([{ value: 'AINV' }, { value: 'BILL' }]);
    });
  });

  describe('tenancy', () => {
    it('company B never sees nor reverts company A’s overrides', async () => {
      await put(s.owner, 'orders.order_prefix', 'AORD').expect(200);
      expect(await settingOf(s.other, 'orders.order_prefix')).toMatchObject({
        value: 'ORD',
        source: 'default',
      });
      await asUser(t, s.other).delete('/settings/orders.order_prefix').expect(204);
      expect(await settingOf(s.owner, 'orders.order_prefix')).toMatchObject({
        value: 'AORD',
        source: 'company',
      });
    });
  });

  describe('Settings (for other modules)', () => {
    it('reads the effective value of the context company, the installation without one', async () => {
      const settings = t.app.get(Settings);
      await put(s.owner, TERMS, 21).expect(200);
      await put(s.other, TERMS, 60, 'installation').expect(200);
      expect(await inCompany(s.companyA.id, () => settings.get<number>(TERMS))).toBe(21);
      expect(await inCompany(s.companyB.id, () => settings.get<number>(TERMS))).toBe(60);
      expect(await inCompany(undefined, () => settings.get<number>(TERMS))).toBe(60);
      expect(await settings.getFor<number>(s.companyA.id, TERMS)).toBe(21);
      expect(await settings.companyOverrides<number>(TERMS)).toEqual(new Map([[s.companyA.id, 21]]));
      await expect(settings.get('billing.undeclared')).rejects.toThrow(/No module declares/);
    });
  });
});
