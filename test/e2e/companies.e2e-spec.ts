import { startTestApp, type TestApp } from '../support/test-app';
import {
  asUser,
  createCompany,
  joinCompany,
  setUpTenants,
  signUp,
  switchCompany,
  systemRoleId,
  type Tenants,
  tokenFromMail,
  type TestUser,
  uniqueEmail,
} from '../support/auth';

jest.setTimeout(120_000);

describe('companies, memberships, invitations (SPEC §3)', () => {
  let t: TestApp;
  let s: Tenants;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /companies', () => {
    it('creates the company, its system roles, an owner membership and empty billing details in one go', async () => {
      const res = await asUser(t, s.loner).post('/companies').send({
        name: 'Zoë & Sons Pty Ltd',
        countryCode: 'au',
        defaultCurrency: 'aud',
        timezone: 'Australia/Perth',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Zoë & Sons Pty Ltd',
        slug: 'zoe-sons-pty-ltd',
        countryCode: 'AU',
        defaultCurrency: 'AUD',
        version: 1,
      });
      const id = res.body.id as string;
      const [roles, members, billing] = await Promise.all([
        t.dataSource.query(`SELECT system_key FROM access.roles WHERE company_id = $1 ORDER BY system_key`, [
          id,
        ]),
        t.dataSource.query(
          `SELECT user_id, joined_via, is_default, status FROM companies.memberships WHERE company_id = $1`,
          [id],
        ),
        t.dataSource.query(
          `SELECT tax_registered FROM companies.company_billing_details WHERE company_id = $1`,
          [id],
        ),
      ]);
      expect(roles).toHaveLength(7);
      expect(members).toEqual([
        { user_id: s.loner.id, joined_via: 'created', is_default: true, status: 'active' },
      ]);
      expect(billing).toEqual([{ tax_registered: false }]);

      const mine = await asUser(t, s.loner).get('/companies/mine');
      expect(mine.status).toBe(200);
      expect(mine.body.data).toEqual([
        expect.objectContaining({
          company: expect.objectContaining({ id }),
          status: 'active',
          isDefault: true,
          role: expect.objectContaining({ key: 'OWNER' }),
        }),
      ]);
    });

    it('derives a free slug and refuses a taken one (409 slug_taken)', async () => {
      const a = await asUser(t, s.loner)
        .post('/companies')
        .send({ name: 'Same Name', countryCode: 'AU', defaultCurrency: 'AUD', timezone: 'UTC' });
      const b = await asUser(t, s.loner)
        .post('/companies')
        .send({ name: 'Same Name', countryCode: 'AU', defaultCurrency: 'AUD', timezone: 'UTC' });
      expect([a.body.slug, b.body.slug]).toEqual(['same-name', 'same-name-2']);
      const clash = await asUser(t, s.loner).post('/companies').send({
        name: 'Other',
        slug: 'same-name',
        countryCode: 'AU',
        defaultCurrency: 'AUD',
        timezone: 'UTC',
      });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('slug_taken');
    });

    it('answers 400 reference_not_found naming the field for unknown country, currency or time zone', async () => {
      for (const [field, body] of [
        ['countryCode', { countryCode: 'ZZ', defaultCurrency: 'AUD', timezone: 'UTC' }],
        ['defaultCurrency', { countryCode: 'AU', defaultCurrency: 'ZZZ', timezone: 'UTC' }],
        ['timezone', { countryCode: 'AU', defaultCurrency: 'AUD', timezone: 'Mars/Olympus' }],
      ] as const) {
        const res = await asUser(t, s.loner)
          .post('/companies')
          .send({ name: 'Bad refs', ...body });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('reference_not_found');
        expect(res.body.errors).toEqual([expect.objectContaining({ path: field })]);
      }
    });

    it('validates the body (name 2..120, slug pattern, unknown fields)', async () => {
      const res = await asUser(t, s.loner).post('/companies').send({
        name: 'X',
        slug: 'Bad Slug',
        countryCode: 'AU',
        defaultCurrency: 'AUD',
        timezone: 'UTC',
        extra: 1,
      });
      expect(res.status).toBe(400);
      const paths = (res.body.errors as Array<{ path: string }>).map((e) => e.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['name', 'slug']));
    });
  });

  describe('current company', () => {
    it('reads with an ETag and updates under If-Match (412 when stale)', async () => {
      const got = await asUser(t, s.owner).get('/companies/current');
      expect(got.status).toBe(200);
      expect(got.body.id).toBe(s.companyA.id);
      const etag = got.headers.etag;
      expect(etag).toBe(`W/"${got.body.version}"`);

      const patched = await asUser(t, s.owner)
        .patch('/companies/current')
        .set('If-Match', etag)
        .send({ name: 'Company A renamed' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'Company A renamed',
        version: got.body.version + 1,
        updatedBy: s.owner.id,
      });

      const stale = await asUser(t, s.owner)
        .patch('/companies/current')
        .set('If-Match', etag)
        .send({ name: 'Again' });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
    });

    it('a viewer reads but cannot update (403)', async () => {
      expect((await asUser(t, s.viewer).get('/companies/current')).body.id).toBe(s.companyA.id);
      const res = await asUser(t, s.viewer).patch('/companies/current').send({ name: 'Nope' });
      expect(res.status).toBe(403);
    });

    it('a user without a company gets 403 no_active_company', async () => {
      const fresh = await signUp(t);
      const res = await asUser(t, fresh).get('/companies/current');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('no_active_company');
    });
  });

  describe('billing details', () => {
    it('stores phones as E.164 and checks AU ABN/ACN', async () => {
      const put = await asUser(t, s.owner).put('/companies/current/billing-details').send({
        legalName: 'Company A Pty Ltd',
        taxId: '51 824 753 556',
        taxIdKind: 'abn',
        taxRegistered: true,
        phone: '(02) 9123 4567',
        countryCode: 'AU',
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        taxId: '51824753556',
        taxIdKind: 'abn',
        taxRegistered: true,
        phone: '+61291234567',
      });
      expect(put.headers.etag).toBe(`W/"${put.body.version}"`);

      const got = await asUser(t, s.viewer).get('/companies/current/billing-details');
      expect(got.body.phone).toBe('+61291234567');

      const acn = await asUser(t, s.owner)
        .put('/companies/current/billing-details')
        .send({ taxId: '000 000 019', taxIdKind: 'acn' });
      expect(acn.body.taxId).toBe('000000019');
    });

    it.each([
      ['taxId', { taxId: '51 824 753 557', taxIdKind: 'abn' }],
      ['taxId', { taxId: '004 085 617', taxIdKind: 'acn' }],
      ['taxId', { taxId: 'lower case!', taxIdKind: 'vat' }],
      ['phone', { phone: '12' }],
      ['countryCode', { countryCode: 'ZZ' }],
    ])('rejects a bad %s', async (field, body) => {
      const res = await asUser(t, s.owner).put('/companies/current/billing-details').send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: field })]);
    });
  });

  describe('members', () => {
    let admin: TestUser;
    let ownerB2: TestUser;

    beforeAll(async () => {
      admin = await joinCompany(t, s.owner, await signUp(t, { name: 'Admin A' }), 'admin');
    });

    it('lists members with names, filters by status and q', async () => {
      const res = await asUser(t, s.viewer).get('/companies/current/members').query({ q: 'viewer a' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        expect.objectContaining({
          userId: s.viewer.id,
          name: 'Viewer A',
          status: 'active',
          joinedVia: 'invitation',
          invitedBy: s.owner.id,
        }),
      ]);
      const all = await asUser(t, s.viewer)
        .get('/companies/current/members')
        .query({ status: 'active,suspended' });
      expect(all.body.data.map((m: { userId: string }) => m.userId)).toEqual(
        expect.arrayContaining([s.owner.id, s.viewer.id, admin.id]),
      );
    });

    it("another company's member is 404", async () => {
      const res = await asUser(t, s.owner).get(`/companies/current/members/${s.other.id}`);
      expect(res.status).toBe(404);
    });

    it('protects the last owner: demote, suspend and remove answer 409 last_owner', async () => {
      const viewerRole = await systemRoleId(t, s.companyA.id, 'viewer');
      const demote = await asUser(t, s.owner)
        .patch(`/companies/current/members/${s.owner.id}`)
        .send({ roleId: viewerRole });
      expect(demote.status).toBe(409);
      expect(demote.body.code).toBe('last_owner');
      const suspend = await asUser(t, s.owner)
        .patch(`/companies/current/members/${s.owner.id}`)
        .send({ status: 'suspended' });
      expect(suspend.body.code).toBe('last_owner');
      const leave = await asUser(t, s.owner).delete(`/companies/current/members/${s.owner.id}`);
      expect(leave.status).toBe(409);
      expect(leave.body.code).toBe('last_owner');
    });

    it('only owners grant the owner role (403 owner_required)', async () => {
      const ownerRole = await systemRoleId(t, s.companyA.id, 'owner');
      const res = await asUser(t, admin)
        .patch(`/companies/current/members/${admin.id}`)
        .send({ roleId: ownerRole });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('owner_required');
    });

    it('an unknown role is 400 reference_not_found on roleId', async () => {
      const res = await asUser(t, s.owner)
        .patch(`/companies/current/members/${admin.id}`)
        .send({ roleId: '01900000-0000-7000-8000-000000000000' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('reference_not_found');
      expect(res.body.errors[0].path).toBe('roleId');
    });

    it('with a second owner the first one may step down; suspended members lose the company', async () => {
      ownerB2 = await joinCompany(t, s.owner, await signUp(t, { name: 'Second Owner' }), 'viewer');
      const ownerRole = await systemRoleId(t, s.companyA.id, 'owner');
      const promote = await asUser(t, s.owner)
        .patch(`/companies/current/members/${ownerB2.id}`)
        .send({ roleId: ownerRole });
      expect(promote.status).toBe(200);
      expect(promote.body.role.key).toBe('OWNER');

      const suspend = await asUser(t, s.owner)
        .patch(`/companies/current/members/${ownerB2.id}`)
        .send({ status: 'suspended' });
      expect(suspend.status).toBe(200);
      // the suspended user's token still names company A, but it no longer counts
      const blocked = await asUser(t, ownerB2).get('/companies/current');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('no_active_company');
      const back = await asUser(t, ownerB2).post('/auth/switch-company').send({ companyId: s.companyA.id });
      expect(back.status).toBe(403);
      expect(back.body.code).toBe('not_a_member');
    });

    it('a member leaves without member.manage; the viewer cannot remove others (403)', async () => {
      const leaver = await joinCompany(t, s.owner, await signUp(t), 'viewer');
      const forbidden = await asUser(t, leaver).delete(`/companies/current/members/${admin.id}`);
      expect(forbidden.status).toBe(403);
      const leave = await asUser(t, leaver).delete(`/companies/current/members/${leaver.id}`);
      expect(leave.status).toBe(204);
      const rows = await t.dataSource.query(
        `SELECT deleted_at, deleted_by FROM companies.memberships WHERE user_id = $1`,
        [leaver.id],
      );
      expect(rows).toEqual([{ deleted_at: expect.any(Date), deleted_by: leaver.id }]);
      expect((await asUser(t, s.owner).get(`/companies/current/members/${leaver.id}`)).status).toBe(404);
    });
  });

  describe('invitations', () => {
    let viewerRole: string;
    beforeAll(async () => {
      viewerRole = await systemRoleId(t, s.companyA.id, 'viewer');
    });

    it('invites, inspects and accepts once; the invitation becomes accepted', async () => {
      const invitee = await signUp(t, { name: 'Invitee' });
      const created = await asUser(t, s.owner)
        .post('/invitations')
        .send({ email: invitee.email.toUpperCase(), roleId: viewerRole });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: invitee.email, status: 'pending', roleId: viewerRole });
      expect(JSON.stringify(created.body)).not.toMatch(/token/i);
      const token = await tokenFromMail(t, invitee.email, 'invitation');
      const [row] = await t.dataSource.query(`SELECT token_hash FROM companies.invitations WHERE id = $1`, [
        created.body.id,
      ]);
      expect(row.token_hash).not.toContain(token);

      const dup = await asUser(t, s.owner)
        .post('/invitations')
        .send({ email: invitee.email, roleId: viewerRole });
      expect(dup.body.code).toBe('invitation_pending');

      const inspect = await t.http.post('/api/v1/invitations/inspect').send({ token });
      expect(inspect.status).toBe(200);
      expect(inspect.body).toMatchObject({
        companyName: expect.any(String),
        roleName: expect.any(String),
        email: invitee.email,
        status: 'pending',
      });

      const accepted = await asUser(t, invitee).post('/invitations/accept').send({ token });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        companyId: s.companyA.id,
        roleId: viewerRole,
        joinedVia: 'invitation',
      });
      const again = await asUser(t, invitee).post('/invitations/accept').send({ token });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('invitation_already_accepted');

      const member = await asUser(t, s.owner)
        .post('/invitations')
        .send({ email: invitee.email, roleId: viewerRole });
      expect(member.status).toBe(409);
      expect(member.body.code).toBe('already_member');

      const list = await asUser(t, s.viewer).get('/invitations').query({ status: 'accepted' });
      expect(list.body.data.map((i: { id: string }) => i.id)).toContain(created.body.id);
    });

    it('negative paths: unknown 404, other e-mail 403, revoked 410, expired 410, resend kills the old token', async () => {
      const invitee = await signUp(t);
      const stranger = s.loner;
      const unknown = await asUser(t, invitee)
        .post('/invitations/accept')
        .send({ token: 'x'.repeat(43) });
      expect(unknown.status).toBe(404);

      const inv = await asUser(t, s.owner)
        .post('/invitations')
        .send({ email: invitee.email, roleId: viewerRole });
      const token1 = await tokenFromMail(t, invitee.email, 'invitation');
      const mismatch = await asUser(t, stranger).post('/invitations/accept').send({ token: token1 });
      expect(mismatch.status).toBe(403);
      expect(mismatch.body.code).toBe('invitation_email_mismatch');

      const resent = await asUser(t, s.owner).post(`/invitations/${inv.body.id}/resend`);
      expect(resent.status).toBe(200);
      expect(resent.body.resendCount).toBe(1);
      const token2 = await tokenFromMail(t, invitee.email, 'invitation');
      expect(token2).not.toBe(token1);
      expect((await asUser(t, invitee).post('/invitations/accept').send({ token: token1 })).status).toBe(404);

      await t.dataSource.query(
        `UPDATE companies.invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [inv.body.id],
      );
      const expired = await asUser(t, invitee).post('/invitations/accept').send({ token: token2 });
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe('invitation_expired');

      const again = await asUser(t, s.owner).post(`/invitations/${inv.body.id}/resend`);
      expect(again.body.status).toBe('pending');
      const token3 = await tokenFromMail(t, invitee.email, 'invitation');
      expect((await asUser(t, s.owner).delete(`/invitations/${inv.body.id}`)).status).toBe(204);
      const revoked = await asUser(t, invitee).post('/invitations/accept').send({ token: token3 });
      expect(revoked.status).toBe(410);
      expect(revoked.body.code).toBe('invitation_revoked');
    });

    it("refuses a role wider than the inviter's own (403 privilege_escalation) and an unknown role (400)", async () => {
      const ownerRole = await systemRoleId(t, s.companyA.id, 'owner');
      const admin = await joinCompany(t, s.owner, await signUp(t), 'admin');
      const wide = await asUser(t, admin)
        .post('/invitations')
        .send({ email: uniqueEmail(), roleId: ownerRole });
      expect(wide.status).toBe(403);
      expect(wide.body.code).toBe('owner_required');
      const otherRole = await systemRoleId(t, s.companyB.id, 'viewer');
      const foreign = await asUser(t, s.owner)
        .post('/invitations')
        .send({ email: uniqueEmail(), roleId: otherRole });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].path).toBe('roleId');
    });

    it('registering with an invitation token joins the company in the same transaction', async () => {
      const email = uniqueEmail('joiner');
      await asUser(t, s.owner).post('/invitations').send({ email, roleId: viewerRole });
      const token = await tokenFromMail(t, email, 'invitation');
      const reg = await t.http
        .post('/api/v1/auth/register')
        .send({ email, password: 'correct horse battery staple', name: 'Joiner', invitationToken: token });
      expect(reg.status).toBe(201);
      const rows = await t.dataSource.query(
        `SELECT m.company_id FROM companies.memberships m WHERE m.user_id = $1`,
        [reg.body.id],
      );
      expect(rows).toEqual([{ company_id: s.companyA.id }]);
    });
  });

  describe('/auth/me, /auth/me/permissions, /auth/switch-company', () => {
    it('me shows profile, memberships, active company and permissions', async () => {
      const me = await asUser(t, s.viewer).get('/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ id: s.viewer.id, email: s.viewer.email });
      expect(me.body.activeCompanyId).toBe(s.companyA.id);
      expect(me.body.memberships).toEqual([
        expect.objectContaining({ company: expect.objectContaining({ id: s.companyA.id }) }),
      ]);
      const perms = await asUser(t, s.viewer).get('/auth/me/permissions');
      const keys = (perms.body as Array<{ key: string }>).map((p) => p.key);
      expect(keys).toContain('companies.company.read');
      expect(keys).not.toContain('companies.company.update');
    });

    it('switches between own companies (with makeDefault) and refuses others (403 not_a_member)', async () => {
      const multi = await signUp(t);
      const c1 = await createCompany(t, multi, { name: 'Multi One' });
      const c2 = await createCompany(t, multi, { name: 'Multi Two' });
      expect(multi.companyId).toBe(c2.id);
      const res = await asUser(t, multi)
        .post('/auth/switch-company')
        .send({ companyId: c1.id, makeDefault: true });
      expect(res.status).toBe(200);
      expect(res.body.activeCompanyId).toBe(c1.id);
      const defaults = await t.dataSource.query(
        `SELECT company_id FROM companies.memberships WHERE user_id = $1 AND is_default`,
        [multi.id],
      );
      expect(defaults).toEqual([{ company_id: c1.id }]);
      await switchCompany(t, multi, c2.id);
      const refused = await asUser(t, multi).post('/auth/switch-company').send({ companyId: s.companyA.id });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('not_a_member');
    });
  });
});
