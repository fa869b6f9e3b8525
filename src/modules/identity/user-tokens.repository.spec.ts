import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { hashToken } from '@libs/security';
import { TOKEN_TTL_MS, UserTokensRepository } from './user-tokens.repository';

describe('UserTokensRepository', () => {
  it('has the TTLs of SPEC §2', () => {
    expect(TOKEN_TTL_MS).toEqual({
      verify_email: 24 * 3600_000,
      change_email: 24 * 3600_000,
      reset_password: 3600_000,
      set_password: 72 * 3600_000,
    });
  });

  it('stores only the sha256 of a 32-byte base64url token, expiring after the purpose TTL', async () => {
    const insert = jest.fn();
    const txHost = { tx: { getRepository: () => ({ insert }) } };
    const repository = new UserTokensRepository(
      txHost as unknown as TransactionHost<TransactionalAdapterTypeOrm>,
    );
    const before = Date.now();
    const token = await repository.issue('u1', 'reset_password');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = insert.mock.calls[0][0] as { tokenHash: string; expiresAt: Date; userId: string };
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3600_000);
    expect(row.expiresAt.getTime() - before).toBeLessThan(3600_000 + 1000);
  });
});
