import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '@libs/persistence';
import { createTestDatabase, type TestDatabase } from '@libs/testing';

const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'first horse battery staple';
const WRONG_PASSWORD = 'wrong horse battery staple';
const NEW_PASSWORD = 'second horse battery staple';

/**
 * Runs the real app as its own process with debug logging, drives the flows that handle secrets
 * (register, verify, failed and successful login, refresh, password reset), and searches everything
 * the process printed for those secrets. Nothing else can prove what reaches the log.
 */
describe('log hygiene', () => {
  let database: TestDatabase;
  let app: ChildProcess;
  let output = '';
  let base = '';

  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const tokenFromMail = async (to: string, template: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ body_text: string }>(
        `SELECT body_text FROM platform.email_deliveries WHERE "to" = $1 AND template = $2 ORDER BY id DESC LIMIT 1`,
        [to, template],
      );
      return /Your code: ([A-Za-z0-9_-]{43})/.exec(rows[0]?.body_text ?? '')![1];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let attempt = 0; attempt < 120; attempt++) {
      if (
        await fetch(`${base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`The app did not start:\n${output}`);
  });

  afterAll(async () => {
    if (app.exitCode === null) {
      await new Promise((resolve) => {
        app.once('exit', resolve);
        app.kill('SIGTERM');
      });
    }
    await database.drop();
  });

  it('never prints passwords, tokens or authorization headers', async () => {
    const email = 'log-hygiene@example.test';
    expect((await post('/auth/register', { email, password: PASSWORD, name: 'Log Hygiene' })).status).toBe(
      201,
    );
    const verifyToken = await tokenFromMail(email, 'verify_email');
    expect((await post('/auth/verify-email', { token: verifyToken })).status).toBe(200);
    expect((await post('/auth/login', { email, password: WRONG_PASSWORD })).status).toBe(401);
    const login = await post('/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const refreshed = await post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await post('/auth/forgot-password', { email })).status).toBe(202);
    const resetToken = await tokenFromMail(email, 'reset_password');
    expect((await post('/auth/reset-password', { token: resetToken, password: NEW_PASSWORD })).status).toBe(
      204,
    );
    // A request with a bearer token that is then rejected, so the header passes through the logger.
    expect((await post('/companies', { name: 'Nope' }, String(login.body.accessToken))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the logger flush

    expect(output).toContain('request completed'); // the log was really on
    const secrets = {
      PASSWORD,
      WRONG_PASSWORD,
      NEW_PASSWORD,
      verifyToken,
      resetToken,
      accessToken: login.body.accessToken,
      refreshToken: login.body.refreshToken,
      rotatedRefreshToken: refreshed.body.refreshToken,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, leaked: output.includes(String(secret)) }).toEqual({ name, leaked: false });
    }
  });
});
