import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple-paper-clip-42';

interface Delivery {
  to: string;
  template: string;
  body_text: string;
  status: string;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  activeCompanyId: string | null;
}

describe('identity: register, verify, login, sessions, passwords, e-mail, account', () => {
  let t: TestApp;
  const secrets: string[] = [PASSWORD, NEW_PASSWORD];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function deliveries(to: string, template?: string): Promise<Delivery[]> {
    return t.dataSource.query(
      `SELECT "to", template, body_text, status FROM platform.email_deliveries
        WHERE "to" = $1 AND ($2::text IS NULL OR template = $2) ORDER BY queued_at, id`,
      [to, template ?? null],
    );
  }

  /** The token of the latest mail of this template to this address (tests read mails, never a back door). */
  async function tokenFromMail(to: string, template: string): Promise<string> {
    const mails = await deliveries(to, template);
    expect(mails.length).toBeGreaterThan(0);
    const match = /Your code: ([A-Za-z0-9_-]{43})/.exec(mails[mails.length - 1].body_text);
    expect(match).not.toBeNull();
    secrets.push(match![1]);
    return match![1];
  }

  function register(email: string, name = 'Ada Lovelace', password = PASSWORD) {
    return t.http.post('/api/v1/auth/register').send({ email, password, name });
  }

  async function registerVerified(email: string, name: string): Promise<void> {
    await register(email, name).expect(201);
    const token = await tokenFromMail(email, 'verify_email');
    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
  }

  async function login(email: string, password = PASSWORD): Promise<TokenPair & { user: { id: string } }> {
    const res = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    const body = res.body as TokenPair & { user: { id: string } };
    secrets.push(body.accessToken, body.refreshToken, body.refreshToken.split('.')[1]);
    return body;
  }

  function bearer(pair: { accessToken: string }): string {
    return `Bearer ${pair.accessToken}`;
  }

  function claimsOf(jwt: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  }

  async function clearLoginAttempts(): Promise<void> {
    await t.dataSource.query(`DELETE FROM identity.login_attempts`);
  }

  describe('register and verify', () => {
    const email = 'ada@example.com';

    it('creates a pending account with a bcrypt-12 hash and answers the user without tokens', async () => {
      const res = await register(email).expect(201);
      expect(res.body).toMatchObject({
        email,
        name: 'Ada Lovelace',
        status: 'pending_verification',
        emailVerifiedAt: null,
      });
      expect(res.body).not.toHaveProperty('accessToken');
      expect(res.body).not.toHaveProperty('passwordHash');
      const [row] = await t.dataSource.query(
        `SELECT password_hash, status FROM identity.users WHERE email = $1`,
        [email],
      );
      expect(row.password_hash).toMatch(/^\$2b\$12\$/);
      const mails = await deliveries(email, 'verify_email');
      expect(mails).toHaveLength(1);
    });

    it('refuses the same e-mail in another case with 409 email_taken', async () => {
      const res = await register('ADA@Example.COM', 'Other').expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('email_taken');
    });

    it.each([
      ['short', 'short1', 'password_too_short'],
      ['over 72 bytes', 'é'.repeat(37), 'password_too_long'],
      ['the e-mail', 'Weak@Example.com', 'password_equals_email'],
    ])('rejects a password that is %s with 400 naming password', async (_, password, code) => {
      const res = await register('weak@example.com', 'Weak', password).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password', code })]);
      const rows = await t.dataSource.query(`SELECT 1 FROM identity.users WHERE email = 'weak@example.com'`);
      expect(rows).toHaveLength(0);
    });

    it('rejects unknown fields and a malformed e-mail with 400', async () => {
      await t.http
        .post('/api/v1/auth/register')
        .send({ email: 'x@example.com', password: PASSWORD, name: 'X', admin: true })
        .expect(400);
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: 'nope', password: PASSWORD, name: 'X' })
        .expect(400);
      expect(res.body.errors[0].path).toBe('email');
    });

    it('rolls the whole sign-up back when the invitation is refused', async () => {
      const res = await t.http.post('/api/v1/auth/register').send({
        email: 'invited@example.com',
        password: PASSWORD,
        name: 'Invited',
        invitationToken: 'no-such-invitation',
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(
        await t.dataSource.query(`SELECT 1 FROM identity.users WHERE email = 'invited@example.com'`),
      ).toHaveLength(0);
      expect(await deliveries('invited@example.com')).toHaveLength(0);
    });

    // An owner invites (companies API), the invitee registers with the mailed token.
    it('registers with a real invitation: active at once, member of the company, which becomes the login cid', async () => {
      await registerVerified('owner@example.com', 'Owner');
      const owner = await login('owner@example.com');
      const company = await t.http
        .post('/api/v1/companies')
        .set('Authorization', bearer(owner))
        .send({
          name: 'Invite Co',
          countryCode: 'AU',
          defaultCurrency: 'AUD',
          timezone: 'Australia/Sydney',
        })
        .expect(201);
      const switched = await t.http
        .post('/api/v1/auth/switch-company')
        .set('Authorization', bearer(owner))
        .send({ companyId: company.body.id })
        .expect(200);
      expect(claimsOf(switched.body.accessToken as string).cid).toBe(company.body.id);
      const roles = await t.http
        .get('/api/v1/roles')
        .set('Authorization', `Bearer ${switched.body.accessToken}`)
        .expect(200);
      const viewer = (roles.body.data as Array<{ id: string; systemKey: string | null }>).find(
        (r) => r.systemKey === 'viewer',
      )!;
      await t.http
        .post('/api/v1/invitations')
        .set('Authorization', `Bearer ${switched.body.accessToken}`)
        .send({ email: 'joiner@example.com', roleId: viewer.id })
        .expect(201);
      const invitationToken = await tokenFromMail('joiner@example.com', 'invitation');

      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: 'Joiner@Example.com', password: PASSWORD, name: 'Joiner', invitationToken })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'active', emailVerifiedAt: expect.any(String) });
      expect(await deliveries('joiner@example.com', 'verify_email')).toHaveLength(0);
      const joined = await login('joiner@example.com');
      expect(joined.activeCompanyId).toBe(company.body.id);
      expect(claimsOf(joined.accessToken).cid).toBe(company.body.id);
      // The only owner of a company with another active member cannot delete their account.
      const refused = await t.http
        .delete('/api/v1/auth/me')
        .set('Authorization', bearer(owner))
        .send({ password: PASSWORD })
        .expect(409);
      expect(refused.body.code).toBe('last_owner');
      const [ownerRow] = await t.dataSource.query(
        `SELECT email, deleted_at FROM identity.users WHERE email = 'owner@example.com'`,
      );
      expect(ownerRow.deleted_at).toBeNull();
      await clearLoginAttempts();
    });

    it('refuses login with the right password before verification: 403 email_not_verified', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(403);
      expect(res.body.code).toBe('email_not_verified');
    });

    it('resend answers 202 always and replaces the earlier link; used, unknown and expired tokens are 400 token_invalid', async () => {
      const first = await tokenFromMail(email, 'verify_email');
      await t.http.post('/api/v1/auth/verify-email/resend').send({ email: 'nobody@example.com' }).expect(202);
      await t.http.post('/api/v1/auth/verify-email/resend').send({ email: 'ADA@example.com' }).expect(202);
      expect(await deliveries(email, 'verify_email')).toHaveLength(2);
      expect(await deliveries('nobody@example.com')).toHaveLength(0);
      const second = await tokenFromMail(email, 'verify_email');
      expect(second).not.toBe(first);

      for (const token of [first, 'x'.repeat(43)]) {
        const res = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
        expect(res.body.code).toBe('token_invalid');
      }
      // Expired: the second token's 24 hours are over.
      await t.dataSource.query(
        `UPDATE identity.user_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'verify_email' AND used_at IS NULL`,
      );
      expect(
        (await t.http.post('/api/v1/auth/verify-email').send({ token: second }).expect(400)).body.code,
      ).toBe('token_invalid');

      await t.http.post('/api/v1/auth/verify-email/resend').send({ email }).expect(202);
      const third = await tokenFromMail(email, 'verify_email');
      const ok = await t.http.post('/api/v1/auth/verify-email').send({ token: third }).expect(200);
      expect(ok.body).toMatchObject({ status: 'active', emailVerifiedAt: expect.any(String) });
      const reused = await t.http.post('/api/v1/auth/verify-email').send({ token: third }).expect(400);
      expect(reused.body.code).toBe('token_invalid');
      const [row] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS ttl FROM identity.user_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [third],
      );
      expect(row.ttl).toBe(24);
    });
  });

  describe('login, refresh, logout', () => {
    const email = 'grace@example.com';
    let userId: string;

    beforeAll(async () => {
      await registerVerified(email, 'Grace Hopper');
      await clearLoginAttempts();
    });

    it('answers tokens, the user and the active company; the JWT carries sub, sid, cid, ver, iat, exp (15 min)', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('User-Agent', 'jest-device/1')
        .send({ email: 'GRACE@example.com', password: PASSWORD })
        .expect(200);
      const body = res.body as TokenPair & { user: { id: string; email: string; lastLoginAt: string } };
      secrets.push(body.accessToken, body.refreshToken);
      expect(body).toMatchObject({
        expiresIn: 900,
        activeCompanyId: null,
        user: { email, status: 'active' },
      });
      expect(body.user.lastLoginAt).toEqual(expect.any(String));
      userId = body.user.id;
      const claims = claimsOf(body.accessToken);
      const [sid] = body.refreshToken.split('.');
      expect(claims).toEqual({
        sub: userId,
        sid,
        cid: null,
        ver: 0,
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
      expect(JSON.parse(Buffer.from(body.accessToken.split('.')[0], 'base64url').toString())).toMatchObject({
        alg: 'HS256',
      });
      const [session] = await t.dataSource.query(
        `SELECT refresh_hash, user_agent FROM identity.sessions WHERE id = $1`,
        [sid],
      );
      expect(session.refresh_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(session.refresh_hash).not.toContain(body.refreshToken.split('.')[1]);
      expect(session.user_agent).toBe('jest-device/1');

      const sessions = await t.http
        .get('/api/v1/auth/me/sessions')
        .set('Authorization', bearer(body))
        .expect(200);
      expect(sessions.body).toEqual([
        expect.objectContaining({
          id: sid,
          userAgent: 'jest-device/1',
          ip: expect.any(String),
          lastUsedAt: expect.any(String),
          current: true,
        }),
      ]);
    });

    it('answers 401 invalid_credentials alike for a wrong password and an unknown e-mail', async () => {
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email, password: 'not the password' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'ghost@example.com', password: 'not the password' })
        .expect(401);
      for (const res of [wrong, unknown]) expect(res.headers['content-type']).toMatch(PROBLEM);
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined, traceId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.code).toBe('invalid_credentials');
      const events = await t.dataSource.query(
        `SELECT email, user_id FROM identity.auth_events WHERE type = 'login_failed' ORDER BY created_at`,
      );
      expect(events).toEqual(
        expect.arrayContaining([
          { email, user_id: userId },
          { email: 'ghost@example.com', user_id: null },
        ]),
      );
      await clearLoginAttempts();
    });

    it('rotates the refresh token; a reused one revokes the session (refresh_reuse, 401 refresh_invalid)', async () => {
      const first = await login(email);
      const res = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200);
      const second = res.body as TokenPair;
      secrets.push(second.accessToken, second.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.refreshToken.split('.')[0]).toBe(first.refreshToken.split('.')[0]);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(second)).expect(200);

      const reuse = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(401);
      expect(reuse.body.code).toBe('refresh_invalid');
      const sid = first.refreshToken.split('.')[0];
      const [session] = await t.dataSource.query(
        `SELECT revoked_at, revoke_reason FROM identity.sessions WHERE id = $1`,
        [sid],
      );
      expect(session).toEqual({ revoked_at: expect.any(Date), revoke_reason: 'reuse' });
      const [event] = await t.dataSource.query(
        `SELECT user_id, session_id FROM identity.auth_events WHERE type = 'refresh_reuse'`,
      );
      expect(event).toEqual({ user_id: userId, session_id: sid });
      // The thief's fresh pair is dead too.
      expect(
        (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401))
          .body.code,
      ).toBe('refresh_invalid');
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(second)).expect(401);
      // Garbage is refused the same way.
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
    });

    it('refuses an expired session', async () => {
      const pair = await login(email);
      await t.dataSource.query(
        `UPDATE identity.sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [pair.refreshToken.split('.')[0]],
      );
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(pair)).expect(401);
    });

    it('logout ends this session only; logout-all ends every session and bumps token_version', async () => {
      const a = await login(email);
      const b = await login(email);
      await t.http.post('/api/v1/auth/logout').expect(401);
      await t.http.post('/api/v1/auth/logout').set('Authorization', bearer(a)).expect(204);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(a)).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: a.refreshToken }).expect(401);
      const list = await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(b)).expect(200);
      const ids = list.body.map((s: { id: string }) => s.id);
      expect(ids).toContain(b.refreshToken.split('.')[0]);
      expect(ids).not.toContain(a.refreshToken.split('.')[0]);

      const c = await login(email);
      await t.http.post('/api/v1/auth/logout-all').set('Authorization', bearer(c)).expect(204);
      for (const pair of [b, c]) {
        await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(pair)).expect(401);
        await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
      }
      const [user] = await t.dataSource.query(`SELECT token_version FROM identity.users WHERE id = $1`, [
        userId,
      ]);
      expect(user.token_version).toBe(1);
      const d = await login(email);
      expect(claimsOf(d.accessToken).ver).toBe(1);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(d)).expect(200);
    });

    it("revokes one's own session by id; another user's session is 404", async () => {
      await registerVerified('linus@example.com', 'Linus');
      const mine = await login(email);
      const other = await login(email);
      const theirs = await login('linus@example.com');
      await t.http
        .delete(`/api/v1/auth/me/sessions/${theirs.refreshToken.split('.')[0]}`)
        .set('Authorization', bearer(mine))
        .expect(404);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(theirs)).expect(200);
      await t.http
        .delete(`/api/v1/auth/me/sessions/${other.refreshToken.split('.')[0]}`)
        .set('Authorization', bearer(mine))
        .expect(204);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(other)).expect(401);
      await t.http
        .delete('/api/v1/auth/me/sessions/not-a-uuid')
        .set('Authorization', bearer(mine))
        .expect(400);
    });
  });

  describe('forgot and reset password', () => {
    const email = 'barbara@example.com';

    beforeAll(async () => {
      await registerVerified(email, 'Barbara Liskov');
      await clearLoginAttempts();
    });

    it('answers 202 whether or not the account exists, and mails only an active account', async () => {
      await t.http.post('/api/v1/auth/forgot-password').send({ email: 'ghost@example.com' }).expect(202);
      expect(await deliveries('ghost@example.com')).toHaveLength(0);
      await register('pending@example.com', 'Pending').expect(201);
      await t.http.post('/api/v1/auth/forgot-password').send({ email: 'pending@example.com' }).expect(202);
      expect(await deliveries('pending@example.com', 'reset_password')).toHaveLength(0);
      await t.http.post('/api/v1/auth/forgot-password').send({ email }).expect(202);
      expect(await deliveries(email, 'reset_password')).toHaveLength(1);
    });

    it('resets with the token (1 h, single use), revokes every session, bumps token_version and sends a notice', async () => {
      const session = await login(email);
      const token = await tokenFromMail(email, 'reset_password');
      const [row] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS ttl FROM identity.user_tokens WHERE purpose = 'reset_password'`,
      );
      expect(row.ttl).toBe(1);

      const weak = await t.http
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'short' })
        .expect(400);
      expect(weak.body.errors[0]).toMatchObject({ path: 'password', code: 'password_too_short' });

      await t.http.post('/api/v1/auth/reset-password').send({ token, password: NEW_PASSWORD }).expect(204);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(session)).expect(401);
      const [s] = await t.dataSource.query(`SELECT revoke_reason FROM identity.sessions WHERE id = $1`, [
        session.refreshToken.split('.')[0],
      ]);
      expect(s.revoke_reason).toBe('password_reset');
      expect(await deliveries(email, 'password_changed')).toHaveLength(1);

      const again = await t.http
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'another-password-1' })
        .expect(400);
      expect(again.body.code).toBe('token_invalid');
      await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(401);
      await clearLoginAttempts();
      await login(email, NEW_PASSWORD);
    });

    it('refuses an expired reset token and mails at most 3 resets per hour', async () => {
      await t.http.post('/api/v1/auth/forgot-password').send({ email }).expect(202);
      const token = await tokenFromMail(email, 'reset_password');
      await t.dataSource.query(
        `UPDATE identity.user_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'reset_password' AND used_at IS NULL`,
      );
      expect(
        (
          await t.http
            .post('/api/v1/auth/reset-password')
            .send({ token, password: 'whatever-long-1' })
            .expect(400)
        ).body.code,
      ).toBe('token_invalid');
      // 2 mails so far this hour; one more is allowed, the next ones are silently skipped.
      for (let i = 0; i < 3; i++)
        await t.http.post('/api/v1/auth/forgot-password').send({ email }).expect(202);
      expect(await deliveries(email, 'reset_password')).toHaveLength(3);
    });
  });

  describe('the signed-in account', () => {
    const email = 'margaret@example.com';
    let pair: TokenPair;

    beforeAll(async () => {
      await registerVerified(email, 'Margaret Hamilton');
      await clearLoginAttempts();
      pair = await login(email);
    });

    it('updates name, locale, timezone and onboarding', async () => {
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set('Authorization', bearer(pair))
        .send({
          name: 'Margaret H.',
          locale: 'en-AU',
          timezone: 'Australia/Sydney',
          onboardingCompleted: true,
        })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Margaret H.',
        locale: 'en-AU',
        timezone: 'Australia/Sydney',
        onboardingCompleted: true,
      });
      const bad = await t.http
        .patch('/api/v1/auth/me')
        .set('Authorization', bearer(pair))
        .send({ timezone: 'Mars/Olympus' })
        .expect(400);
      expect(bad.body.errors[0].path).toBe('timezone');
      await t.http.patch('/api/v1/auth/me').send({ name: 'x' }).expect(401);
    });

    it('changes the password: wrong current one is 400 currentPassword; other sessions end; fresh tokens', async () => {
      const other = await login(email);
      const wrong = await t.http
        .post('/api/v1/auth/me/password')
        .set('Authorization', bearer(pair))
        .send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })
        .expect(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      const weak = await t.http
        .post('/api/v1/auth/me/password')
        .set('Authorization', bearer(pair))
        .send({ currentPassword: PASSWORD, newPassword: email })
        .expect(400);
      expect(weak.body.errors).toEqual([
        expect.objectContaining({ path: 'newPassword', code: 'password_equals_email' }),
      ]);

      const res = await t.http
        .post('/api/v1/auth/me/password')
        .set('Authorization', bearer(pair))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(200);
      const fresh = res.body as TokenPair;
      secrets.push(fresh.accessToken, fresh.refreshToken);
      expect(fresh.refreshToken.split('.')[0]).toBe(pair.refreshToken.split('.')[0]);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(pair)).expect(401); // old ver
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(other)).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(fresh)).expect(200);
      const [user] = await t.dataSource.query(`SELECT password_hash FROM identity.users WHERE email = $1`, [
        email,
      ]);
      expect(user.password_hash).toMatch(/^\$2b\$12\$/);
      pair = fresh;
    });

    it('changes the e-mail only on confirmation, with a token to the new address and a notice to the old', async () => {
      const wrong = await t.http
        .post('/api/v1/auth/me/email')
        .set('Authorization', bearer(pair))
        .send({ newEmail: 'maggie@example.com', password: 'not my password' })
        .expect(400);
      expect(wrong.body.errors[0].path).toBe('password');
      const taken = await t.http
        .post('/api/v1/auth/me/email')
        .set('Authorization', bearer(pair))
        .send({ newEmail: 'Ada@Example.com', password: NEW_PASSWORD })
        .expect(409);
      expect(taken.body.code).toBe('email_taken');

      await t.http
        .post('/api/v1/auth/me/email')
        .set('Authorization', bearer(pair))
        .send({ newEmail: 'Maggie@Example.com', password: NEW_PASSWORD })
        .expect(202);
      expect(await deliveries(email, 'change_email_notice')).toHaveLength(1);
      const token = await tokenFromMail('maggie@example.com', 'change_email_confirm');
      const [before] = await t.dataSource.query(`SELECT email FROM identity.users WHERE email = $1`, [email]);
      expect(before).toBeDefined();

      const res = await t.http.post('/api/v1/auth/me/email/confirm').send({ token }).expect(200);
      expect(res.body.email).toBe('maggie@example.com');
      expect((await t.http.post('/api/v1/auth/me/email/confirm').send({ token }).expect(400)).body.code).toBe(
        'token_invalid',
      );
      await clearLoginAttempts();
      await login('maggie@example.com', NEW_PASSWORD);
    });

    it('deletes the account with the password: anonymised, sessions revoked, login refused', async () => {
      const wrong = await t.http
        .delete('/api/v1/auth/me')
        .set('Authorization', bearer(pair))
        .send({ password: 'nope nope nope' })
        .expect(400);
      expect(wrong.body.errors[0].path).toBe('password');
      await t.http
        .delete('/api/v1/auth/me')
        .set('Authorization', bearer(pair))
        .send({ password: NEW_PASSWORD })
        .expect(204);
      const [user] = await t.dataSource.query(
        `SELECT name, email, password_hash, deleted_at FROM identity.users WHERE id = (SELECT user_id FROM identity.sessions WHERE id = $1)`,
        [pair.refreshToken.split('.')[0]],
      );
      expect(user).toEqual({
        name: 'Deleted user',
        email: null,
        password_hash: null,
        deleted_at: expect.any(Date),
      });
      const [{ live }] = await t.dataSource.query(
        `SELECT count(*)::int AS live FROM identity.sessions WHERE revoked_at IS NULL AND user_id = (SELECT user_id FROM identity.sessions WHERE id = $1)`,
        [pair.refreshToken.split('.')[0]],
      );
      expect(live).toBe(0);
      await t.http.get('/api/v1/auth/me/sessions').set('Authorization', bearer(pair)).expect(401);
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'maggie@example.com', password: NEW_PASSWORD })
        .expect(401);
      expect(res.body.code).toBe('invalid_credentials');
      // The address is free again.
      await register('maggie@example.com', 'Another Maggie').expect(201);
    });
  });

  describe('auth events and mail outbox', () => {
    it('records every flow with ip, user agent and request id, and no password, token or hash', async () => {
      const events: Array<Record<string, unknown>> = await t.dataSource.query(
        `SELECT * FROM identity.auth_events`,
      );
      const types = new Set(events.map((e) => e.type));
      for (const type of [
        'register',
        'email_verified',
        'login_succeeded',
        'login_failed',
        'refresh_reuse',
        'logout',
        'logout_all',
        'session_revoked',
        'password_reset_requested',
        'password_reset',
        'password_changed',
        'email_change_requested',
        'email_changed',
        'account_deleted',
      ])
        expect(types).toContain(type);
      for (const event of events.filter((e) => e.type === 'login_succeeded')) {
        expect(event.ip).toEqual(expect.any(String));
        expect(event.request_id).toEqual(expect.any(String));
      }
      const dump = JSON.stringify(events);
      const hashes: Array<{ h: string }> = await t.dataSource.query(
        `SELECT password_hash AS h FROM identity.users WHERE password_hash IS NOT NULL
         UNION ALL SELECT refresh_hash FROM identity.sessions UNION ALL SELECT token_hash FROM identity.user_tokens`,
      );
      for (const secret of [...secrets, ...hashes.map((r) => r.h)]) expect(dump).not.toContain(secret);
    });

    it('keeps auth events append-only', async () => {
      await expect(t.dataSource.query(`UPDATE identity.auth_events SET email = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.dataSource.query(`DELETE FROM identity.auth_events`)).rejects.toThrow(/append-only/);
    });

    it('marks stored mails logged (no SMTP in tests); tokens appear only in bodies', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const rows: Array<Record<string, unknown>> = await t.dataSource.query(
        `SELECT * FROM platform.email_deliveries`,
      );
      expect(rows.length).toBeGreaterThan(5);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['logged']));
      const metadata = JSON.stringify(rows.map(({ body_text: _t, body_html: _h, ...rest }) => rest));
      for (const secret of secrets) expect(metadata).not.toContain(secret);
    });
  });
});
