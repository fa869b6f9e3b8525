import type { TestApp } from './test-app';

/** The password of every test user (≥ 10 characters). */
export const TEST_PASSWORD = 'correct horse battery staple';

const API = '/api/v1';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  /** The current access token (updated by createCompany / switchCompany / joinCompany). */
  accessToken: string;
  refreshToken: string;
  /** The active company of `accessToken`. */
  companyId: string | null;
}

export interface TestCompany {
  id: string;
  name: string;
  slug: string;
}

let counter = 0;

/** A unique address per call, readable in failures. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${counter}@example.test`;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** The last token mailed to `to` with this template (tokens only ever travel in mail bodies). */
export async function tokenFromMail(t: TestApp, to: string, template: string): Promise<string> {
  const rows: Array<{ body_text: string }> = await t.dataSource.query(
    `SELECT body_text FROM platform.email_deliveries WHERE "to" = $1 AND template = $2 ORDER BY id DESC LIMIT 1`,
    [to, template],
  );
  const match = /Your code: ([A-Za-z0-9_-]{43})/.exec(rows[0]?.body_text ?? '');
  if (!match) throw new Error(`No ${template} mail with a token was sent to ${to}`);
  return match[1];
}

/** Registers, verifies the e-mail (token read from platform.email_deliveries) and signs in. ~1 bcrypt hash + 1 verify. */
export async function signUp(t: TestApp, options: { email?: string; name?: string } = {}): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const name = options.name ?? 'Test User';
  const registered = await t.http.post(`${API}/auth/register`).send({ email, password: TEST_PASSWORD, name });
  expectStatus(registered, 201, `register ${email}`);
  const token = await tokenFromMail(t, email, 'verify_email');
  expectStatus(await t.http.post(`${API}/auth/verify-email`).send({ token }), 200, `verify ${email}`);
  return signIn(t, email, name);
}

/** Signs an existing user in (a new session). */
export async function signIn(t: TestApp, email: string, name = 'Test User'): Promise<TestUser> {
  const login = await t.http.post(`${API}/auth/login`).send({ email, password: TEST_PASSWORD });
  expectStatus(login, 200, `login ${email}`);
  const body = login.body as {
    accessToken: string;
    refreshToken: string;
    user: { id: string };
    activeCompanyId: string | null;
  };
  return {
    id: body.user.id,
    email,
    name,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    companyId: body.activeCompanyId,
  };
}

export function bearer(user: { accessToken: string }): string {
  return `Bearer ${user.accessToken}`;
}

/** supertest calls with the user's token: `asUser(t, owner).get('/companies/current')` (paths under /api/v1). */
export function asUser(t: TestApp, user: { accessToken: string }) {
  const auth = () => bearer(user);
  return {
    get: (path: string) => t.http.get(`${API}${path}`).set('Authorization', auth()),
    post: (path: string) => t.http.post(`${API}${path}`).set('Authorization', auth()),
    put: (path: string) => t.http.put(`${API}${path}`).set('Authorization', auth()),
    patch: (path: string) => t.http.patch(`${API}${path}`).set('Authorization', auth()),
    delete: (path: string) => t.http.delete(`${API}${path}`).set('Authorization', auth()),
  };
}

/** Switches the user's session to `companyId` and keeps the new token on the user object. */
export async function switchCompany(t: TestApp, user: TestUser, companyId: string): Promise<TestUser> {
  const res = await asUser(t, user).post('/auth/switch-company').send({ companyId });
  expectStatus(res, 200, `switch ${user.email} to ${companyId}`);
  const body = res.body as { accessToken: string; refreshToken: string };
  user.accessToken = body.accessToken;
  user.refreshToken = body.refreshToken;
  user.companyId = companyId;
  return user;
}

/** Creates a company owned by `user` and switches the user into it. */
export async function createCompany(
  t: TestApp,
  user: TestUser,
  fields: {
    name?: string;
    slug?: string;
    countryCode?: string;
    defaultCurrency?: string;
    timezone?: string;
  } = {},
): Promise<TestCompany> {
  const res = await asUser(t, user)
    .post('/companies')
    .send({
      name: fields.name ?? `Company ${uniqueEmail('c').split('@')[0]}`.slice(0, 120),
      countryCode: fields.countryCode ?? 'AU',
      defaultCurrency: fields.defaultCurrency ?? 'AUD',
      timezone: fields.timezone ?? 'Australia/Sydney',
      ...(fields.slug ? { slug: fields.slug } : {}),
    });
  expectStatus(res, 201, 'create company');
  const company = res.body as TestCompany;
  await switchCompany(t, user, company.id);
  return company;
}

/** The id of a system role (`owner`, `admin`, `manager`, `agent`, `sales`, `finance`, `viewer`) of a company. */
export async function systemRoleId(t: TestApp, companyId: string, systemKey: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM access.roles WHERE company_id = $1 AND system_key = $2`,
    [companyId, systemKey],
  );
  if (!rows[0]) throw new Error(`Company ${companyId} has no system role ${systemKey}`);
  return rows[0].id;
}

/** Invites `user` into the owner's active company with a system role, accepts, and switches the user into it. */
export async function joinCompany(
  t: TestApp,
  owner: TestUser,
  user: TestUser,
  systemKey: string,
): Promise<TestUser> {
  if (!owner.companyId) throw new Error('The owner has no active company');
  const roleId = await systemRoleId(t, owner.companyId, systemKey);
  const invited = await asUser(t, owner).post('/invitations').send({ email: user.email, roleId });
  expectStatus(invited, 201, `invite ${user.email}`);
  const token = await tokenFromMail(t, user.email, 'invitation');
  expectStatus(
    await asUser(t, user).post('/invitations/accept').send({ token }),
    200,
    `accept ${user.email}`,
  );
  return switchCompany(t, user, owner.companyId);
}

export interface Tenants {
  /** Owner of company A (active in A). */
  owner: TestUser;
  /** A `viewer` of company A (active in A). */
  viewer: TestUser;
  /** Owner of company B (active in B). */
  other: TestUser;
  /** A signed-in user without any company. */
  loner: TestUser;
  companyA: TestCompany;
  companyB: TestCompany;
}

/** The usual cast of a test file: create once in beforeAll and share (bcrypt costs ~0.3 s per hash). */
export async function setUpTenants(t: TestApp): Promise<Tenants> {
  const [owner, viewer, other, loner] = await Promise.all([
    signUp(t, { name: 'Owner A' }),
    signUp(t, { name: 'Viewer A' }),
    signUp(t, { name: 'Owner B' }),
    signUp(t, { name: 'No Company' }),
  ]);
  const [companyA, companyB] = await Promise.all([
    createCompany(t, owner, { name: 'Company A' }),
    createCompany(t, other, { name: 'Company B' }),
  ]);
  await joinCompany(t, owner, viewer, 'viewer');
  return { owner, viewer, other, loner, companyA, companyB };
}
