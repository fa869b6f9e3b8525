import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUTH_REQUIREMENT_KEY, type AuthRequirement, IS_PUBLIC_KEY } from '@libs/core';
import { asUser, setUpTenants, type Tenants } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

interface Route {
  method: string;
  /** Path under /api/v1 with Nest's `:param` placeholders. */
  path: string;
  isPublic: boolean;
  requirement: AuthRequirement | undefined;
}

/** Every route of the running app, read from Nest's controllers and their decorators (never a hand list). */
function routesOf(t: TestApp): Route[] {
  const discovery = t.app.get(DiscoveryService);
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name] as () => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || method === undefined) continue;
      const targets = [handler, metatype];
      for (const prefix of prefixes) {
        for (const p of ([] as string[]).concat(paths)) {
          const path = `/${[prefix, p]
            .map((s) => s.replace(/^\/+|\/+$/g, ''))
            .filter(Boolean)
            .join('/')}`;
          routes.push({
            method: RequestMethod[method],
            path,
            isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false,
            requirement: reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT_KEY, targets),
          });
        }
      }
    }
  }
  return routes;
}

/** Health lives outside the prefix; everything else is under /api/v1. */
function urlOf(route: Route, id: string): string {
  const path = route.path.replace(/:[A-Za-z0-9_]+/g, id);
  return /^\/health(\/|$)/.test(route.path) ? path : `/api/v1${path}`;
}

function call(t: TestApp, method: string, url: string, token?: string) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const req = t.http[verb](url);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return ['POST', 'PUT', 'PATCH'].includes(method) ? req.send({}) : req;
}

const isWrite = (permission: string) => !/\.(read|list)$/.test(permission);

describe('authorization matrix (built from the router)', () => {
  let t: TestApp;
  let s: Tenants;
  let routes: Route[];
  /** A row of company A per resource kind, to aim company B's user at. */
  let idsOfA: string[];

  beforeAll(async () => {
    t = await startTestApp();
    s = await setUpTenants(t);
    routes = routesOf(t).filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && r.method !== 'HEAD');
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM access.roles WHERE company_id = $1
       UNION ALL SELECT user_id FROM companies.memberships WHERE company_id = $1`,
      [s.companyA.id],
    );
    idsOfA = rows.map((r) => r.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes of every module', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /companies',
        'GET /companies/current',
        'POST /auth/login',
        'POST /invitations',
      ]),
    );
  });

  it('every non-public route declares @Auth', () => {
    const undeclared = routes.filter((r) => !r.isPublic && !r.requirement && !/^\/health/.test(r.path));
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('every non-public route answers 401 problem+json without a token', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await call(t, route.method, urlOf(route, '01900000-0000-7000-8000-000000000001'));
      if (res.status !== 401 || !String(res.headers['content-type']).includes('application/problem+json')) {
        failures.push(`${route.method} ${route.path} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every @Auth permission key exists in the catalogue (GET /permissions)', async () => {
    const res = await asUser(t, s.owner).get('/permissions').query({ limit: 100 });
    expect(res.status).toBe(200);
    const body = res.body as { data: Array<{ key: string }> } | Array<{ key: string }>;
    const catalogue = new Set((Array.isArray(body) ? body : body.data).map((p) => p.key));
    const missing = routes
      .map((r) => r.requirement?.permission)
      .filter((k): k is string => !!k && !catalogue.has(k));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('a viewer gets 403 on every route whose permission is a write', async () => {
    const failures: string[] = [];
    for (const route of routes.filter(
      (r) => r.requirement?.permission && isWrite(r.requirement.permission),
    )) {
      const res = await call(t, route.method, urlOf(route, idsOfA[0]), s.viewer.accessToken);
      if (res.status !== 403)
        failures.push(`${route.method} ${route.path} -> ${res.status} ${res.body?.code}`);
    }
    expect(failures).toEqual([]);
  });

  it("company B's user gets 404 on company A's :id resources", async () => {
    const failures: string[] = [];
    const withId = routes.filter(
      (r) => r.requirement?.permission && /:[A-Za-z]*[iI]d\b/.test(r.path) && r.method !== 'POST',
    );
    for (const route of withId) {
      for (const id of idsOfA) {
        const res = await call(t, route.method, urlOf(route, id), s.other.accessToken);
        // 400 = the body was rejected before the lookup (PATCH with {}), never a leak; 404 otherwise
        if (res.status !== 404 && !(res.status === 400 && ['PATCH', 'PUT'].includes(route.method))) {
          failures.push(`${route.method} ${route.path} (${id}) -> ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
