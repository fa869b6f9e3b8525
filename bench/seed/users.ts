import { Client } from 'pg';

const API = '/api/v1';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** What the seeding leaves behind for the authenticated scenarios. */
export interface SeededUser {
  email: string;
  password: string;
  /** The company the user owns; every session below is active in it (`cid`). */
  companyId: string;
  /** Live sessions of the user, each from its own login. */
  sessions: TokenPair[];
}

export interface SeedOptions {
  /** How many sessions (logins) to open. */
  sessions: number;
  /** Logins at a time (each is one bcrypt verify on the server's thread pool). */
  concurrency?: number;
}

async function call<T>(baseUrl: string, path: string, body: unknown, expected: number, bearer?: string) {
  const res = await fetch(`${baseUrl}${API}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected)
    throw new Error(`POST ${path}: expected ${expected}, got ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The verification token, read from the mail outbox the way the e2e tests do (test/support/auth.ts). */
async function verificationToken(databaseUrl: string, email: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ body_text: string | null }>(
      `SELECT body_text FROM platform.email_deliveries
        WHERE "to" = $1 AND template = 'verify_email' ORDER BY queued_at DESC LIMIT 1`,
      [email],
    );
    const match = /Your code: ([A-Za-z0-9_-]{43})/.exec(rows[0]?.body_text ?? '');
    if (!match) throw new Error(`No verify_email mail with a token was sent to ${email}`);
    return match[1];
  } finally {
    await db.end();
  }
}

/**
 * Once, after the app is ready: registers a user over HTTP, verifies the e-mail, creates a company (so
 * that logins land in it and `/auth/me` has a membership and permissions to report), then logs in
 * `sessions` times. Costs one bcrypt hash plus `sessions + 1` bcrypt verifies.
 */
export async function seedUser(
  baseUrl: string,
  databaseUrl: string,
  options: SeedOptions,
): Promise<SeededUser> {
  const email = `bench.${Date.now().toString(36)}@example.test`;
  const password = 'bench correct horse battery staple';
  await call(baseUrl, '/auth/register', { email, password, name: 'Bench User' }, 201);
  await call(baseUrl, '/auth/verify-email', { token: await verificationToken(databaseUrl, email) }, 200);
  const first = await call<TokenPair>(baseUrl, '/auth/login', { email, password }, 200);
  const company = await call<{ id: string }>(
    baseUrl,
    '/companies',
    { name: 'Bench Company', countryCode: 'AU', defaultCurrency: 'AUD', timezone: 'Australia/Sydney' },
    201,
    first.accessToken,
  );

  const login = async (): Promise<TokenPair> => {
    const pair = await call<TokenPair & { activeCompanyId: string | null }>(
      baseUrl,
      '/auth/login',
      { email, password },
      200,
    );
    if (pair.activeCompanyId !== company.id) {
      throw new Error(`A login landed in ${pair.activeCompanyId}, not the seeded company ${company.id}`);
    }
    return { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
  };
  const sessions: TokenPair[] = [];
  const concurrency = options.concurrency ?? 4;
  while (sessions.length < options.sessions) {
    const batch = Math.min(concurrency, options.sessions - sessions.length);
    sessions.push(...(await Promise.all(Array.from({ length: batch }, login))));
  }
  return { email, password, companyId: company.id, sessions };
}
