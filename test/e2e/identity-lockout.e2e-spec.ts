import { startTestApp, type TestApp } from '../support/test-app';

const ADMIN_EMAIL = 'root@example.com';
const ADMIN_PASSWORD = 'bootstrap-password-123';

/** Brute-force lockout (SPEC §2) and the first-start administrator, on an app started with BOOTSTRAP_ADMIN_*. */
describe('identity: bootstrap administrator and login lockout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password });
  const clear = () => t.dataSource.query(`DELETE FROM identity.login_attempts`);
  const comparable = (res: {
    status: number;
    body: Record<string, unknown>;
    headers: Record<string, string>;
  }) => ({
    status: res.status,
    code: res.body.code,
    detail: res.body.detail,
    title: res.body.title,
    retryAfter: res.headers['retry-after'] !== undefined,
  });

  it('created the platform administrator from BOOTSTRAP_ADMIN_* at first start, active and verified', async () => {
    const users = await t.dataSource.query(
      `SELECT email, status, is_platform_admin, email_verified_at, password_hash FROM identity.users`,
    );
    expect(users).toEqual([
      expect.objectContaining({
        email: ADMIN_EMAIL,
        status: 'active',
        is_platform_admin: true,
        email_verified_at: expect.any(Date),
      }),
    ]);
    expect(users[0].password_hash).toMatch(/^\$2b\$12\$/);
    const res = await attempt(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, isPlatformAdmin: true });
  });

  it('locks an e-mail after 5 failures with 429 + Retry-After, even for the right password, identically for unknown e-mails', async () => {
    await clear();
    const known: Array<ReturnType<typeof comparable>> = [];
    for (let i = 0; i < 5; i++) known.push(comparable(await attempt(ADMIN_EMAIL, `wrong password ${i}`)));
    const lockedKnown = await attempt(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(lockedKnown.status).toBe(429);
    expect(lockedKnown.body.code).toBe('too_many_attempts');
    expect(Number(lockedKnown.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(lockedKnown.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    const lockouts = await t.dataSource.query(
      `SELECT email FROM identity.auth_events WHERE type = 'lockout'`,
    );
    expect(lockouts).toEqual(expect.arrayContaining([{ email: ADMIN_EMAIL }]));

    await clear();
    const unknown: Array<ReturnType<typeof comparable>> = [];
    for (let i = 0; i < 5; i++)
      unknown.push(comparable(await attempt('nobody@example.com', `wrong password ${i}`)));
    const lockedUnknown = await attempt('nobody@example.com', 'any password at all');
    expect(unknown).toEqual(known);
    expect(comparable(lockedUnknown)).toEqual(comparable(lockedKnown));
    expect(known.every((r) => r.status === 401 && r.code === 'invalid_credentials')).toBe(true);
  });

  it('locks an IP after 5 failures across e-mails', async () => {
    await clear();
    for (let i = 0; i < 5; i++) await attempt(`spray${i}@example.com`, 'wrong password').expect(401);
    const res = await attempt('fresh@example.com', 'wrong password').expect(429);
    expect(res.body.code).toBe('too_many_attempts');
    const keys = await t.dataSource.query(
      `SELECT key FROM identity.login_attempts WHERE locked_until > now()`,
    );
    expect(keys).toEqual([{ key: expect.stringMatching(/^ip:/) }]);
  });

  it('lets the lock expire, and a success resets the e-mail counter', async () => {
    await t.dataSource.query(
      `UPDATE identity.login_attempts SET locked_until = now() - interval '1 second', window_start = now() - interval '16 minutes'`,
    );
    await clear();
    for (let i = 0; i < 4; i++) await attempt(ADMIN_EMAIL, 'wrong password').expect(401);
    await attempt(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    const rows = await t.dataSource.query(`SELECT key, failures FROM identity.login_attempts ORDER BY key`);
    expect(rows).toEqual([{ key: expect.stringMatching(/^ip:/), failures: 4 }]);
  });

  describe('platform administrators manage users', () => {
    let admin: string;
    let userId: string;
    const bearer = () => `Bearer ${admin}`;

    beforeAll(async () => {
      await clear();
      admin = (await attempt(ADMIN_EMAIL, ADMIN_PASSWORD).expect(200)).body.accessToken as string;
    });

    it('creates a user who sets a password through the set_password mail (72 h), which also verifies the e-mail', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set('Authorization', bearer())
        .send({ email: 'Staff@Example.com', name: 'Staff Member' })
        .expect(201);
      expect(res.body).toMatchObject({
        email: 'staff@example.com',
        status: 'pending_verification',
        isPlatformAdmin: false,
      });
      expect(res.headers.etag).toBe(`W/"${res.body.version}"`);
      userId = res.body.id;
      await t.http
        .post('/api/v1/users')
        .set('Authorization', bearer())
        .send({ email: 'staff@example.com', name: 'X' })
        .expect(409);

      const [mail] = await t.dataSource.query(
        `SELECT body_text FROM platform.email_deliveries WHERE "to" = 'staff@example.com' AND template = 'set_password'`,
      );
      const token = /Your code: ([A-Za-z0-9_-]{43})/.exec(mail.body_text)![1];
      const [ttl] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM identity.user_tokens WHERE purpose = 'set_password'`,
      );
      expect(ttl.hours).toBe(72);
      await t.http
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'staff-password-1' })
        .expect(204);
      const user = await t.http.get(`/api/v1/users/${userId}`).set('Authorization', bearer()).expect(200);
      expect(user.body).toMatchObject({ status: 'active', emailVerifiedAt: expect.any(String) });
    });

    it('lists, filters and updates users with If-Match', async () => {
      const list = await t.http
        .get('/api/v1/users')
        .query({ q: 'staff', withTotal: 'true' })
        .set('Authorization', bearer())
        .expect(200);
      expect(list.body.data.map((u: { email: string }) => u.email)).toEqual(['staff@example.com']);
      expect(list.body.page.total).toBe(1);
      await t.http
        .patch(`/api/v1/users/${userId}`)
        .set('Authorization', bearer())
        .set('If-Match', 'W/"999"')
        .send({ name: 'Nope' })
        .expect(412);
      const res = await t.http
        .patch(`/api/v1/users/${userId}`)
        .set('Authorization', bearer())
        .send({ name: 'Staff Renamed' })
        .expect(200);
      expect(res.body.name).toBe('Staff Renamed');
    });

    it('deactivation ends every session at once; activation lets the user back in', async () => {
      await clear();
      const staff = (await attempt('staff@example.com', 'staff-password-1').expect(200)).body as {
        accessToken: string;
        refreshToken: string;
      };
      await t.http.get('/api/v1/users').set('Authorization', `Bearer ${staff.accessToken}`).expect(403);
      await t.http
        .get('/api/v1/auth/me/sessions')
        .set('Authorization', `Bearer ${staff.accessToken}`)
        .expect(200);
      await t.http.post(`/api/v1/users/${userId}/deactivate`).set('Authorization', bearer()).expect(200);
      await t.http
        .get('/api/v1/auth/me/sessions')
        .set('Authorization', `Bearer ${staff.accessToken}`)
        .expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: staff.refreshToken }).expect(401);
      const refused = await attempt('staff@example.com', 'staff-password-1').expect(403);
      expect(refused.body.code).toBe('account_disabled');
      await t.http.post(`/api/v1/users/${userId}/activate`).set('Authorization', bearer()).expect(200);
      await attempt('staff@example.com', 'staff-password-1').expect(200);
    });

    it('deletes (anonymises) a user; an administrator cannot delete or deactivate themselves', async () => {
      const me = await t.http
        .get('/api/v1/users')
        .query({ q: 'root' })
        .set('Authorization', bearer())
        .expect(200);
      const adminId = me.body.data[0].id as string;
      await t.http.delete(`/api/v1/users/${adminId}`).set('Authorization', bearer()).expect(409);
      await t.http.post(`/api/v1/users/${adminId}/deactivate`).set('Authorization', bearer()).expect(409);
      await t.http.delete(`/api/v1/users/${userId}`).set('Authorization', bearer()).expect(204);
      await t.http.get(`/api/v1/users/${userId}`).set('Authorization', bearer()).expect(404);
      const [row] = await t.dataSource.query(
        `SELECT name, email, password_hash FROM identity.users WHERE id = $1`,
        [userId],
      );
      expect(row).toEqual({ name: 'Deleted user', email: null, password_hash: null });
      await t.http.get('/api/v1/users').expect(401);
    });
  });
});
