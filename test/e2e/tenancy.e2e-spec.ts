import { ClsServiceManager } from 'nestjs-cls';
import { asUser, setUpTenants, systemRoleId, type Tenants, uniqueEmail } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { MembershipsService } from '../../src/modules/companies';

jest.setTimeout(120_000);

describe('tenancy (SPEC §0)', () => {
  let t: TestApp;
  let s: Tenants;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the company comes from the token, never from the request', async () => {
    const a = await asUser(t, s.owner).get('/companies/current');
    const b = await asUser(t, s.other).get('/companies/current');
    expect(a.body.id).toBe(s.companyA.id);
    expect(b.body.id).toBe(s.companyB.id);
    const sneaky = await asUser(t, s.other)
      .patch('/companies/current')
      .send({ id: s.companyA.id, name: 'Hijack' });
    expect(sneaky.status).toBe(400);
    const [row] = await t.dataSource.query(`SELECT name FROM companies.companies WHERE id = $1`, [
      s.companyA.id,
    ]);
    expect(row.name).toBe('Company A');
  });

  it("company A's members, invitations and roles are 404 for company B", async () => {
    const invite = await asUser(t, s.owner)
      .post('/invitations')
      .send({ email: uniqueEmail(), roleId: await systemRoleId(t, s.companyA.id, 'viewer') });
    expect(invite.status).toBe(201);
    const asB = asUser(t, s.other);
    expect((await asB.get(`/companies/current/members/${s.owner.id}`)).status).toBe(404);
    expect(
      (await asB.patch(`/companies/current/members/${s.owner.id}`).send({ status: 'suspended' })).status,
    ).toBe(404);
    expect((await asB.delete(`/companies/current/members/${s.viewer.id}`)).status).toBe(404);
    expect((await asB.post(`/invitations/${invite.body.id}/resend`)).status).toBe(404);
    expect((await asB.delete(`/invitations/${invite.body.id}`)).status).toBe(404);
    const list = await asB.get('/invitations');
    expect(list.body.data.map((i: { id: string }) => i.id)).not.toContain(invite.body.id);
    const members = await asB.get('/companies/current/members');
    expect(members.body.data.map((m: { userId: string }) => m.userId)).toEqual([s.other.id]);
  });

  it('a body reference into another company is 400 reference_not_found', async () => {
    const roleOfA = await systemRoleId(t, s.companyA.id, 'viewer');
    const res = await asUser(t, s.other).post('/invitations').send({ email: uniqueEmail(), roleId: roleOfA });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('reference_not_found');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'roleId' })]);
  });

  it('a user without a company may only use /auth/*, POST /companies, GET /companies/mine and invitations', async () => {
    const asLoner = asUser(t, s.loner);
    expect((await asLoner.get('/auth/me')).status).toBe(200);
    expect((await asLoner.get('/companies/mine')).body).toEqual({ data: [] });
    for (const res of [
      await asLoner.get('/companies/current'),
      await asLoner.get('/companies/current/members'),
      await asLoner.get('/invitations'),
      await asLoner.delete(`/companies/current/members/${s.loner.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('no_active_company');
    }
  });

  it('tenant repositories fail closed without a company in context', async () => {
    const members = t.app.get(MembershipsService);
    const cls = ClsServiceManager.getClsService();
    await expect(cls.run(() => members.list({ limit: 20 }))).rejects.toMatchObject({
      code: 'no_active_company',
    });
    await expect(members.get(s.owner.id)).rejects.toMatchObject({ code: 'no_active_company' });
  });
});
