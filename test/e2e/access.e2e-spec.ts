import { Module } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError, PermissionSet, type RequestContextStore } from '@libs/core';
import { AccessService, PermissionCatalogue } from '../../src/modules/access';
import { collectPermissionSets } from '../../src/modules/access/permission-catalogue';
import { RolesService } from '../../src/modules/access/roles.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { asUser, setUpTenants, systemRoleId, type Tenants } from '../support/auth';

jest.setTimeout(120_000);

const API = '/api/v1';

/** A module added "later": its keys must reach the catalogue and the system roles at start-up. */
const WIDGET_PERMISSIONS = new PermissionSet('widgets', [
  { key: 'widgets.widget.read', description: 'Read widgets', scopable: true },
  { key: 'widgets.widget.write', description: 'Change widgets', scopable: true },
  { key: 'widgets.widget.purge', description: 'Purge widgets' },
]);

@Module({ providers: [{ provide: 'WIDGETS_PERMISSIONS', useValue: WIDGET_PERMISSIONS }] })
class WidgetsPermissionsTestModule {}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Runs `work` inside a request context of `companyId` (what the auth guard sets up over HTTP). */
function inCompany<T>(companyId: string | undefined, work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  return cls.run(async () => {
    cls.set('companyId', companyId);
    cls.set('actor', { type: 'system', id: null });
    return work();
  });
}

describe('access control (SPEC §4)', () => {
  let t: TestApp;
  let s: Tenants;

  const asKey = (token: string) => ({
    get: (path: string) => t.http.get(`${API}${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string) => t.http.post(`${API}${path}`).set('Authorization', `Bearer ${token}`),
    put: (path: string) => t.http.put(`${API}${path}`).set('Authorization', `Bearer ${token}`),
  });

  async function grantsOfRole(roleId: string): Promise<Record<string, string>> {
    const rows: Array<{ permission_key: string; scope: string }> = await t.dataSource.query(
      `SELECT permission_key, scope FROM access.role_permissions WHERE role_id = $1`,
      [roleId],
    );
    return Object.fromEntries(rows.map((r) => [r.permission_key, r.scope]));
  }

  async function createRole(body: object): Promise<{ id: string; version: number }> {
    const res = await asUser(t, s.owner).post('/roles').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  }

  async function createKey(roleId: string, extra: object = {}): Promise<{ id: string; token: string }> {
    const res = await asUser(t, s.owner)
      .post('/api-keys')
      .send({ name: 'Test key', roleId, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string };
  }

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [WidgetsPermissionsTestModule] });
    s = await setUpTenants(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('permission catalogue', () => {
    it('GET /permissions lists the keys of every PermissionSet provider, filterable by domain', async () => {
      const access = await asUser(t, s.owner).get('/permissions?domain=access');
      expect(access.status).toBe(200);
      expect(access.body.data.map((p: { key: string }) => p.key)).toEqual([
        'access.api-key.manage',
        'access.api-key.read',
        'access.role.manage',
        'access.role.read',
      ]);

      const widgets = await asUser(t, s.owner).get('/permissions?domain=widgets');
      expect(widgets.body).toEqual({
        data: [
          {
            key: 'widgets.widget.purge',
            domain: 'widgets',
            resource: 'widget',
            action: 'purge',
            description: 'Purge widgets',
            scopable: false,
          },
          expect.objectContaining({ key: 'widgets.widget.read', scopable: true }),
          expect.objectContaining({ key: 'widgets.widget.write', scopable: true }),
        ],
        page: { limit: 20, nextCursor: null },
      });
    });

    it('pages the whole catalogue with a cursor', async () => {
      const first = await asUser(t, s.owner).get('/permissions?limit=3');
      expect(first.body.data).toHaveLength(3);
      const second = await asUser(t, s.owner).get(
        `/permissions?limit=3&cursor=${first.body.page.nextCursor}`,
      );
      expect(second.status).toBe(200);
      expect(second.body.data[0].key > first.body.data[2].key).toBe(true);
    });

    it('grants the new keys to the system roles by their patterns (owner everything, viewer reads)', async () => {
      const owner = await grantsOfRole(await systemRoleId(t, s.companyA.id, 'owner'));
      const viewer = await grantsOfRole(await systemRoleId(t, s.companyA.id, 'viewer'));
      expect(owner).toMatchObject({
        'widgets.widget.read': 'all',
        'widgets.widget.write': 'all',
        'widgets.widget.purge': 'all',
        'access.role.manage': 'all',
      });
      expect(viewer['widgets.widget.read']).toBe('all');
      expect(viewer['widgets.widget.write']).toBeUndefined();
      expect(Object.keys(viewer).some((k) => k.startsWith('access.'))).toBe(false);
    });

    it('answers 401 without a token and 403 to a viewer (no access.* keys)', async () => {
      expect((await t.http.get(`${API}/permissions`)).status).toBe(401);
      const res = await asUser(t, s.viewer).get('/permissions');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    });

    it('a re-sync deprecates vanished keys (out of the list and of every role) and restores them when declared again', async () => {
      const catalogue = t.app.get(PermissionCatalogue);
      const declared = catalogue.declaredEntries();
      const ownerRoleId = await systemRoleId(t, s.companyB.id, 'owner');
      const [{ version: before }] = await t.dataSource.query(
        `SELECT version FROM access.roles WHERE id = $1`,
        [ownerRoleId],
      );

      const removed = await catalogue.sync(declared.filter((e) => e.key !== 'widgets.widget.purge'));
      expect(removed).toMatchObject({ added: [], deprecated: ['widgets.widget.purge'] });
      expect(removed.rolesChanged).toBeGreaterThanOrEqual(4); // owner and admin of both companies
      const [row] = await t.dataSource.query(
        `SELECT deprecated_at IS NOT NULL AS deprecated FROM access.permissions WHERE key = 'widgets.widget.purge'`,
      );
      expect(row.deprecated).toBe(true);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM access.role_permissions WHERE permission_key = 'widgets.widget.purge'`,
      );
      expect(count).toBe(0);
      const [{ version: after }] = await t.dataSource.query(
        `SELECT version FROM access.roles WHERE id = $1`,
        [ownerRoleId],
      );
      expect(after).toBe(before + 1);
      const listed = await asUser(t, s.owner).get('/permissions?domain=widgets');
      expect(listed.body.data.map((p: { key: string }) => p.key)).toEqual([
        'widgets.widget.read',
        'widgets.widget.write',
      ]);

      const restored = await catalogue.sync(declared);
      expect(restored).toMatchObject({ added: ['widgets.widget.purge'], deprecated: [] });
      expect((await grantsOfRole(ownerRoleId))['widgets.widget.purge']).toBe('all');
      expect(await catalogue.sync(declared)).toEqual({
        added: [],
        updated: [],
        deprecated: [],
        rolesChanged: 0,
      });
    });

    it('discovers every PermissionSet provider of the app; a key declared twice is refused', () => {
      const domains = new Set(
        t.app
          .get(PermissionCatalogue)
          .declaredEntries()
          .map((e) => e.domain),
      );
      expect([...domains]).toEqual(expect.arrayContaining(['access', 'companies', 'widgets']));
      expect(() => collectPermissionSets([WIDGET_PERMISSIONS, WIDGET_PERMISSIONS])).toThrow(
        `Two PermissionSets declare the key "${WIDGET_PERMISSIONS.entries[0].key}"`,
      );
    });
  });

  describe('roles', () => {
    it('every company has the seven system roles, listed with their permissions', async () => {
      const res = await asUser(t, s.owner).get('/roles?isSystem=true&limit=100');
      expect(res.status).toBe(200);
      expect(res.body.data.map((r: { key: string }) => r.key)).toEqual([
        'ADMIN',
        'AGENT',
        'FINANCE',
        'MANAGER',
        'OWNER',
        'SALES',
        'VIEWER',
      ]);
      const owner = res.body.data.find((r: { key: string }) => r.key === 'OWNER');
      expect(owner).toMatchObject({ name: 'Owner', isSystem: true, systemKey: 'owner' });
      expect(owner.permissions).toContainEqual({ key: 'access.role.manage', scope: 'all' });
    });

    it('GET /roles/:id answers with an ETag; another company gets 404; a malformed id 400', async () => {
      const viewerRoleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const res = await asUser(t, s.owner).get(`/roles/${viewerRoleId}`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`W/"${res.body.version}"`);

      const foreign = await asUser(t, s.other).get(`/roles/${viewerRoleId}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('not_found');
      expect((await asUser(t, s.owner).get('/roles/not-a-uuid')).status).toBe(400);
      expect((await asUser(t, s.owner).get(`/roles/${uuidv7()}`)).status).toBe(404);
    });

    it('creates a custom role: key = UPPER_SNAKE of the normalised name, initial permissions checked', async () => {
      const res = await asUser(t, s.owner)
        .post('/roles')
        .send({
          name: '  Widget   keeper ',
          description: 'Looks after widgets',
          permissions: [{ key: 'widgets.widget.read', scope: 'own' }, { key: 'widgets.widget.purge' }],
        });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({
        key: 'WIDGET_KEEPER',
        name: 'Widget keeper',
        description: 'Looks after widgets',
        isSystem: false,
        systemKey: null,
        permissions: [
          { key: 'widgets.widget.purge', scope: 'all' },
          { key: 'widgets.widget.read', scope: 'own' },
        ],
        createdBy: s.owner.id,
        version: 1,
      });

      const taken = await asUser(t, s.owner).post('/roles').send({ name: 'widget-keeper' });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('role_name_taken');
      // Another company may use the same name.
      expect((await asUser(t, s.other).post('/roles').send({ name: 'Widget keeper' })).status).toBe(201);
    });

    it.each(['Owner', 'viewer', 'Super admin', 'platform-admin'])(
      'refuses the reserved name %j (400)',
      async (name) => {
        const res = await asUser(t, s.owner).post('/roles').send({ name });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('role_name_reserved');
        expect(res.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
      },
    );

    it('validates the body: name length, unknown fields, unknown permission keys', async () => {
      const short = await asUser(t, s.owner).post('/roles').send({ name: 'x', extra: 1 });
      expect(short.status).toBe(400);
      expect(short.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'name']);

      const unknown = await asUser(t, s.owner)
        .post('/roles')
        .send({
          name: 'Bad keys',
          permissions: [{ key: 'widgets.widget.read' }, { key: 'widgets.gadget.read' }],
        });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ path: 'permissions[1].key', code: 'unknown_permission' }),
      ]);
    });

    it('a viewer may not create roles (403)', async () => {
      expect((await asUser(t, s.viewer).post('/roles').send({ name: 'Sneaky' })).status).toBe(403);
    });

    it('renames a custom role (If-Match honoured); system roles cannot be renamed or deleted (409)', async () => {
      const role = await createRole({ name: 'Renamable' });
      const stale = await asUser(t, s.owner)
        .patch(`/roles/${role.id}`)
        .set('If-Match', 'W/"99"')
        .send({ name: 'X y' });
      expect(stale.status).toBe(412);

      const renamed = await asUser(t, s.owner)
        .patch(`/roles/${role.id}`)
        .set('If-Match', `W/"${role.version}"`)
        .send({ name: 'Renamed role' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ key: 'RENAMED_ROLE', name: 'Renamed role', version: 2 });
      expect(renamed.headers.etag).toBe('W/"2"');

      const managerRoleId = await systemRoleId(t, s.companyA.id, 'manager');
      const rename = await asUser(t, s.owner).patch(`/roles/${managerRoleId}`).send({ name: 'Boss' });
      expect(rename.status).toBe(409);
      expect(rename.body.code).toBe('system_role_immutable');
      const describe = await asUser(t, s.owner)
        .patch(`/roles/${managerRoleId}`)
        .send({ description: 'Runs things' });
      expect(describe.status).toBe(200);
      expect(describe.body).toMatchObject({ name: 'Manager', description: 'Runs things' });

      const remove = await asUser(t, s.owner).delete(`/roles/${managerRoleId}`);
      expect(remove.status).toBe(409);
      expect(remove.body.code).toBe('system_role_immutable');
    });

    it('deletes an unused custom role (204, then 404); another company cannot (404)', async () => {
      const role = await createRole({ name: 'Short lived' });
      expect((await asUser(t, s.other).delete(`/roles/${role.id}`)).status).toBe(404);
      expect((await asUser(t, s.owner).delete(`/roles/${role.id}`)).status).toBe(204);
      expect((await asUser(t, s.owner).get(`/roles/${role.id}`)).status).toBe(404);
      expect((await asUser(t, s.owner).delete(`/roles/${role.id}`)).status).toBe(404);
    });

    it('a role used by an API key or a membership cannot be deleted (409 role_in_use)', async () => {
      const keyed = await createRole({ name: 'Keyed role' });
      await createKey(keyed.id);
      const res = await asUser(t, s.owner).delete(`/roles/${keyed.id}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('role_in_use');

      const membered = await createRole({ name: 'Membered role' });
      await t.dataSource.query(
        `UPDATE companies.memberships SET role_id = $1 WHERE company_id = $2 AND user_id = $3`,
        [membered.id, s.companyA.id, s.viewer.id],
      );
      try {
        const inUse = await asUser(t, s.owner).delete(`/roles/${membered.id}`);
        expect(inUse.status).toBe(409);
        expect(inUse.body.code).toBe('role_in_use');
        expect((await asUser(t, s.owner).get(`/roles/${membered.id}`)).status).toBe(200);
      } finally {
        await t.dataSource.query(
          `UPDATE companies.memberships SET role_id = $1 WHERE company_id = $2 AND user_id = $3`,
          [await systemRoleId(t, s.companyA.id, 'viewer'), s.companyA.id, s.viewer.id],
        );
      }
    });
  });

  describe('PUT /roles/:id/permissions', () => {
    it('replaces the set atomically, bumps the version and applies at once to the members of the role', async () => {
      const viewerRoleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const before = await asUser(t, s.owner).get(`/roles/${viewerRoleId}`);
      const res = await asUser(t, s.owner)
        .put(`/roles/${viewerRoleId}/permissions`)
        .set('If-Match', before.headers.etag)
        .send({ permissions: [...before.body.permissions, { key: 'access.role.read', scope: 'all' }] });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(before.body.version + 1);
      expect(res.headers.etag).toBe(`W/"${before.body.version + 1}"`);
      expect(res.body.permissions).toContainEqual({ key: 'access.role.read', scope: 'all' });
      // The viewer now holds access.role.read: the very next request sees it.
      expect((await asUser(t, s.viewer).get('/permissions?limit=1')).status).toBe(200);

      const back = await asUser(t, s.owner)
        .put(`/roles/${viewerRoleId}/permissions`)
        .send({ permissions: before.body.permissions });
      expect(back.status).toBe(200);
      expect((await asUser(t, s.viewer).get('/permissions?limit=1')).status).toBe(403);
    });

    it('names every bad item: unknown key, duplicate, own on a non-scopable key, bad scope', async () => {
      const role = await createRole({ name: 'Validated' });
      const res = await asUser(t, s.owner)
        .put(`/roles/${role.id}/permissions`)
        .send({
          permissions: [
            { key: 'widgets.widget.purge', scope: 'own' },
            { key: 'widgets.widget.read', scope: 'own' },
            { key: 'nope.nope.nope' },
            { key: 'widgets.widget.read' },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'permissions[0].scope', code: 'scope_not_allowed' }),
        expect.objectContaining({ path: 'permissions[2].key', code: 'unknown_permission' }),
        expect.objectContaining({ path: 'permissions[3].key', code: 'duplicate_permission' }),
      ]);
      const badScope = await asUser(t, s.owner)
        .put(`/roles/${role.id}/permissions`)
        .send({ permissions: [{ key: 'widgets.widget.read', scope: 'team' }] });
      expect(badScope.status).toBe(400);
      expect(badScope.body.errors).toEqual([expect.objectContaining({ path: 'permissions[0].scope' })]);
      // Nothing changed.
      expect((await asUser(t, s.owner).get(`/roles/${role.id}`)).body).toMatchObject({
        permissions: [],
        version: 1,
      });
    });

    it('refuses a deprecated key like an unknown one', async () => {
      const catalogue = t.app.get(PermissionCatalogue);
      const declared = catalogue.declaredEntries();
      await catalogue.sync(declared.filter((e) => e.key !== 'widgets.widget.purge'));
      try {
        const role = await createRole({ name: 'Deprecated test' });
        const res = await asUser(t, s.owner)
          .put(`/roles/${role.id}/permissions`)
          .send({ permissions: [{ key: 'widgets.widget.purge' }] });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ path: 'permissions[0].key' })]);
      } finally {
        await catalogue.sync(declared);
      }
    });

    it('the owner role is immutable (409); a stale If-Match is 412; another company gets 404', async () => {
      const ownerRoleId = await systemRoleId(t, s.companyA.id, 'owner');
      const owner = await asUser(t, s.owner)
        .put(`/roles/${ownerRoleId}/permissions`)
        .send({ permissions: [] });
      expect(owner.status).toBe(409);
      expect(owner.body.code).toBe('system_role_immutable');

      const role = await createRole({ name: 'Stale test' });
      const stale = await asUser(t, s.owner)
        .put(`/roles/${role.id}/permissions`)
        .set('If-Match', 'W/"7"')
        .send({ permissions: [] });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');

      const foreign = await asUser(t, s.other).put(`/roles/${role.id}/permissions`).send({ permissions: [] });
      expect(foreign.status).toBe(404);
    });

    it('no privilege escalation: a caller cannot grant what it does not hold (403), but may keep or narrow it', async () => {
      // A role manager holding widgets.widget.read with scope own only, acting through an API key.
      const managerRole = await createRole({
        name: 'Role manager',
        permissions: [
          { key: 'access.role.read' },
          { key: 'access.role.manage' },
          { key: 'widgets.widget.read', scope: 'own' },
        ],
      });
      const { token } = await createKey(managerRole.id);
      const target = await createRole({
        name: 'Escalation target',
        permissions: [{ key: 'widgets.widget.purge' }],
      });

      const wider = await asKey(token)
        .put(`/roles/${target.id}/permissions`)
        .send({
          permissions: [{ key: 'widgets.widget.purge' }, { key: 'widgets.widget.read', scope: 'all' }],
        });
      expect(wider.status).toBe(403);
      expect(wider.body).toMatchObject({
        code: 'privilege_escalation',
        permissions: ['widgets.widget.read'],
      });

      const notHeld = await asKey(token)
        .put(`/roles/${target.id}/permissions`)
        .send({ permissions: [{ key: 'widgets.widget.write', scope: 'own' }] });
      expect(notHeld.status).toBe(403);

      // Keeping purge (already on the role) and adding what the caller holds is fine.
      const ok = await asKey(token)
        .put(`/roles/${target.id}/permissions`)
        .send({
          permissions: [{ key: 'widgets.widget.purge' }, { key: 'widgets.widget.read', scope: 'own' }],
        });
      expect(ok.status).toBe(200);
      expect(ok.body.updatedBy).toEqual(expect.any(String));

      const create = await asKey(token)
        .post('/roles')
        .send({ name: 'Escalated', permissions: [{ key: 'access.api-key.manage' }] });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('privilege_escalation');
    });
  });

  describe('API keys', () => {
    it('creates a key shown once (csk_ token, visible prefix), stores only its sha256', async () => {
      const roleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const res = await asUser(t, s.owner).post('/api-keys').send({ name: ' Warehouse sync ', roleId });
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^csk_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
      expect(res.body).toMatchObject({
        name: 'Warehouse sync',
        prefix: res.body.token.slice(0, 12),
        roleId,
        status: 'active',
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        createdBy: s.owner.id,
        version: 1,
      });
      const rows = await t.dataSource.query(`SELECT * FROM access.api_keys WHERE id = $1`, [res.body.id]);
      expect(rows[0].key_hash).toBe(sha256(res.body.token));
      expect(JSON.stringify(rows)).not.toContain(res.body.token);

      const listed = await asUser(t, s.owner).get('/api-keys?limit=100');
      expect(listed.status).toBe(200);
      const item = listed.body.data.find((k: { id: string }) => k.id === res.body.id);
      expect(item).toMatchObject({ prefix: res.body.prefix, status: 'active' });
      expect(item.token).toBeUndefined();
      expect(JSON.stringify(listed.body)).not.toContain(res.body.token);
      const one = await asUser(t, s.owner).get(`/api-keys/${res.body.id}`);
      expect(one.body.token).toBeUndefined();
      expect(one.headers.etag).toBe('W/"1"');
    });

    it('authenticates like a user with its role; last_used_at is written at most once a minute', async () => {
      const roleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const { id, token } = await createKey(roleId);
      const read = await asKey(token).get('/companies/current');
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(s.companyA.id);
      // viewer: no access.* keys, no writes.
      expect((await asKey(token).get('/roles')).status).toBe(403);

      const [first] = await t.dataSource.query(`SELECT last_used_at FROM access.api_keys WHERE id = $1`, [
        id,
      ]);
      expect(first.last_used_at).toBeInstanceOf(Date);
      await asKey(token).get('/companies/current');
      const [second] = await t.dataSource.query(`SELECT last_used_at FROM access.api_keys WHERE id = $1`, [
        id,
      ]);
      expect(second.last_used_at).toEqual(first.last_used_at);

      await t.dataSource.query(
        `UPDATE access.api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`,
        [id],
      );
      await asKey(token).get('/companies/current');
      const [third] = await t.dataSource.query(`SELECT last_used_at FROM access.api_keys WHERE id = $1`, [
        id,
      ]);
      expect(third.last_used_at.getTime()).toBeGreaterThan(first.last_used_at.getTime() - 1000);
      expect(Date.now() - third.last_used_at.getTime()).toBeLessThan(60_000);
    });

    it('an unknown or tampered key is 401', async () => {
      const { token } = await createKey(await systemRoleId(t, s.companyA.id, 'viewer'));
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      expect((await asKey(tampered).get('/companies/current')).status).toBe(401);
    });

    it('an expired key is 401; a past expiresAt is refused at creation (400)', async () => {
      const roleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const { id, token } = await createKey(roleId, {
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect((await asKey(token).get('/companies/current')).status).toBe(200);
      await t.dataSource.query(
        `UPDATE access.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [id],
      );
      expect((await asKey(token).get('/companies/current')).status).toBe(401);
      expect((await asUser(t, s.owner).get(`/api-keys/${id}`)).body.status).toBe('expired');

      const past = await asUser(t, s.owner)
        .post('/api-keys')
        .send({ name: 'Past', roleId, expiresAt: '2020-01-01T00:00:00.000Z' });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    });

    it('revokes a key (POST /:id/revoke and DELETE): it stops working at once', async () => {
      const roleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const a = await createKey(roleId);
      const revoked = await asUser(t, s.owner).post(`/api-keys/${a.id}/revoke`).set('If-Match', 'W/"1"');
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String), version: 2 });
      expect((await asKey(a.token).get('/companies/current')).status).toBe(401);
      // Again: nothing changes.
      expect((await asUser(t, s.owner).post(`/api-keys/${a.id}/revoke`)).body.version).toBe(2);
      const rename = await asUser(t, s.owner).patch(`/api-keys/${a.id}`).send({ name: 'New name' });
      expect(rename.status).toBe(409);

      const b = await createKey(roleId);
      expect((await asUser(t, s.owner).delete(`/api-keys/${b.id}`)).status).toBe(204);
      expect((await asKey(b.token).get('/companies/current')).status).toBe(401);
      expect(
        (await asUser(t, s.owner).get('/api-keys?revoked=false&limit=100')).body.data.map(
          (k: { id: string }) => k.id,
        ),
      ).not.toContain(b.id);
    });

    it('renames a key and changes its expiry (If-Match honoured)', async () => {
      const { id } = await createKey(await systemRoleId(t, s.companyA.id, 'viewer'));
      expect(
        (await asUser(t, s.owner).patch(`/api-keys/${id}`).set('If-Match', 'W/"5"').send({ name: 'x' }))
          .status,
      ).toBe(412);
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const res = await asUser(t, s.owner).patch(`/api-keys/${id}`).send({ name: 'Renamed key', expiresAt });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed key', expiresAt, version: 2 });
    });

    it('the role must be in the company (400 roleId) and no wider than the caller (403)', async () => {
      const foreignRole = await systemRoleId(t, s.companyB.id, 'viewer');
      const res = await asUser(t, s.owner).post('/api-keys').send({ name: 'Foreign', roleId: foreignRole });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'roleId', code: 'reference_not_found' }),
      ]);

      const keyManager = await createRole({
        name: 'Key manager',
        permissions: [{ key: 'access.api-key.read' }, { key: 'access.api-key.manage' }],
      });
      const { token } = await createKey(keyManager.id);
      const escalate = await asKey(token)
        .post('/api-keys')
        .send({ name: 'Owner key', roleId: await systemRoleId(t, s.companyA.id, 'owner') });
      expect(escalate.status).toBe(403);
      expect(escalate.body.code).toBe('privilege_escalation');
      const same = await asKey(token).post('/api-keys').send({ name: 'Same role', roleId: keyManager.id });
      expect(same.status).toBe(201);
      expect(same.body.createdBy).toEqual(expect.any(String));
    });

    it('keys of company A are invisible to company B (404, absent from lists)', async () => {
      const { id } = await createKey(await systemRoleId(t, s.companyA.id, 'viewer'));
      expect((await asUser(t, s.other).get(`/api-keys/${id}`)).status).toBe(404);
      expect((await asUser(t, s.other).post(`/api-keys/${id}/revoke`)).status).toBe(404);
      expect((await asUser(t, s.other).delete(`/api-keys/${id}`)).status).toBe(404);
      const list = await asUser(t, s.other).get('/api-keys?limit=100');
      expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(id);
    });
  });

  describe('AccessService (public API for other modules)', () => {
    it('provisions the seven system roles of a new company in the current transaction', async () => {
      const companyId = uuidv7();
      await t.dataSource.query(
        `INSERT INTO companies.companies (id, name, slug, country_code, default_currency, timezone)
         VALUES ($1, 'Provisioned', $2, 'AU', 'AUD', 'UTC')`,
        [companyId, `prov-${companyId.slice(-8)}`],
      );
      const access = t.app.get(AccessService);
      const { ownerRoleId } = await inCompany(undefined, () => access.provisionSystemRoles(companyId));

      expect(await access.roleIdByKey(companyId, 'owner')).toBe(ownerRoleId);
      expect(await access.roleIdByKey(companyId, 'OWNER')).toBe(ownerRoleId);
      expect(await access.roleIdByKey(companyId, 'nope')).toBeNull();
      expect(await access.findRole(companyId, ownerRoleId)).toEqual({
        id: ownerRoleId,
        key: 'OWNER',
        name: 'Owner',
        isSystem: true,
        systemKey: 'owner',
      });
      expect(await access.findRole(s.companyA.id, ownerRoleId)).toBeNull();

      const owner = await access.permissionsOfRole(companyId, ownerRoleId);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM access.permissions WHERE deprecated_at IS NULL`,
      );
      expect(owner.size).toBe(count);
      expect(owner.get('widgets.widget.write')).toBe('all');
      // Another company's role id gives nothing.
      expect((await access.permissionsOfRole(s.companyA.id, ownerRoleId)).size).toBe(0);
    });

    it('permissionsOfRole serves a cached set until the role version changes', async () => {
      const access = t.app.get(AccessService);
      const role = await createRole({ name: 'Cached', permissions: [{ key: 'widgets.widget.read' }] });
      const first = await access.permissionsOfRole(s.companyA.id, role.id);
      expect([...first]).toEqual([['widgets.widget.read', 'all']]);
      expect(await access.permissionsOfRole(s.companyA.id, role.id)).toBe(first);

      await asUser(t, s.owner)
        .put(`/roles/${role.id}/permissions`)
        .send({ permissions: [{ key: 'widgets.widget.read', scope: 'own' }] });
      expect([...(await access.permissionsOfRole(s.companyA.id, role.id))]).toEqual([
        ['widgets.widget.read', 'own'],
      ]);
    });

    it('authenticateApiKey: only well-formed, live keys', async () => {
      const access = t.app.get(AccessService);
      const roleId = await systemRoleId(t, s.companyA.id, 'viewer');
      const { id, token } = await createKey(roleId);
      expect(await inCompany(undefined, () => access.authenticateApiKey(token))).toEqual({
        apiKeyId: id,
        companyId: s.companyA.id,
        roleId,
      });
      expect(await access.authenticateApiKey('not-a-key')).toBeNull();
      expect(await access.authenticateApiKey(`csk_${'a'.repeat(8)}_${'b'.repeat(43)}`)).toBeNull();
    });

    it('tenant repositories fail closed without a company in context (403 no_active_company)', async () => {
      const roles = t.app.get(RolesService);
      const error = await inCompany(undefined, () => roles.list({ limit: 20 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 403, code: 'no_active_company' });

      const page = await inCompany(s.companyB.id, () => roles.list({ limit: 100 }));
      expect(page.data.length).toBeGreaterThanOrEqual(7);
      const companyOf: Array<{ company_id: string }> = await t.dataSource.query(
        `SELECT DISTINCT company_id FROM access.roles WHERE id = ANY($1::uuid[])`,
        [page.data.map((r) => r.id)],
      );
      expect(companyOf).toEqual([{ company_id: s.companyB.id }]);
    });
  });
});
