import type { Scenario } from '../lib/scenario';
import type { SeededUser } from '../seed/users';

/**
 * Authentication: an authenticated read through the whole guard/principal pipeline, refresh with
 * rotation, and login (bounded by bcrypt, cost 12). No floor equivalent.
 */
export function authScenarios(user: SeededUser): Scenario[] {
  const accessTokens = user.sessions.map((s) => s.accessToken);
  let nextAccess = 0;

  // Refresh tokens not in flight. Each request takes one and its answer puts the rotated one back, so
  // no token is ever presented twice (a reused token revokes its session: every later refresh would
  // be a 401). A token whose answer never arrives (in flight when a run stops) is simply dropped: the
  // seeding opens one session per connection of the warm-up plus one per connection of the run.
  const idleRefreshTokens = user.sessions.map((s) => s.refreshToken);

  return [
    {
      name: 'GET /auth/me',
      request: {
        path: '/api/v1/auth/me',
        headers: () => ({ authorization: `Bearer ${accessTokens[nextAccess++ % accessTokens.length]}` }),
      },
    },
    {
      name: 'POST /auth/refresh (rotating)',
      request: {
        method: 'POST',
        path: '/api/v1/auth/refresh',
        // An exhausted pool sends a malformed token on purpose: it shows up as non-2xx.
        body: () => JSON.stringify({ refreshToken: idleRefreshTokens.pop() ?? 'pool-exhausted' }),
        onResponse: (status, body) => {
          if (status === 200)
            idleRefreshTokens.push((JSON.parse(body) as { refreshToken: string }).refreshToken);
        },
      },
    },
    {
      name: 'POST /auth/login',
      request: {
        method: 'POST',
        path: '/api/v1/auth/login',
        body: JSON.stringify({ email: user.email, password: user.password }),
        // 50 connections queue behind a few bcrypt verifies a second: answers take several seconds.
        timeoutSeconds: 30,
      },
    },
  ];
}
