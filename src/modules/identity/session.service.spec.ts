import { hashToken } from '@libs/security';
import type { AccessTokens } from './access-tokens';
import type { AuthEventsRepository } from './auth-events.repository';
import { parseRefreshToken, SessionService } from './session.service';
import type { SessionsRepository } from './sessions.repository';
import type { UsersRepository } from './users.repository';

const SID = '01890a5d-ac96-774b-bcce-b302099a8057';
const SECRET = 'A'.repeat(43);

describe('SessionService refresh rotation', () => {
  const sessions = { findById: jest.fn(), rotate: jest.fn(), revoke: jest.fn() };
  const users = { findById: jest.fn() };
  const tokens = { sign: jest.fn().mockReturnValue('jwt') };
  const events = { record: jest.fn() };
  const service = new SessionService(
    sessions as unknown as SessionsRepository,
    users as unknown as UsersRepository,
    tokens as unknown as AccessTokens,
    events as unknown as AuthEventsRepository,
  );
  const liveSession = (refreshHash: string) => ({
    id: SID,
    userId: 'u1',
    companyId: 'c1',
    refreshHash,
    revokedAt: null,
    expiresAt: new Date(Date.now() + 60_000),
  });

  beforeEach(() => {
    jest.clearAllMocks();
    users.findById.mockResolvedValue({ id: 'u1', status: 'active', deletedAt: null, tokenVersion: 3 });
  });

  it('parses only <uuid>.<43 base64url characters>', () => {
    expect(parseRefreshToken(`${SID}.${SECRET}`)).toEqual({ sessionId: SID, secret: SECRET });
    for (const bad of ['', SID, `${SID}.short`, `not-a-uuid.${SECRET}`, `${SID}.${SECRET}x`])
      expect(parseRefreshToken(bad)).toBeNull();
  });

  it('swaps the stored hash for a new one and issues a pair for the session company', async () => {
    sessions.findById.mockResolvedValue(liveSession(hashToken(SECRET)));
    sessions.rotate.mockResolvedValue({ id: SID, userId: 'u1', companyId: 'c1' });
    const pair = await service.refresh(`${SID}.${SECRET}`);
    const [, oldHash, newHash] = sessions.rotate.mock.calls[0] as [string, string, string];
    expect(oldHash).toBe(hashToken(SECRET));
    expect(newHash).not.toBe(oldHash);
    expect(pair.refreshToken.startsWith(`${SID}.`)).toBe(true);
    expect(hashToken(pair.refreshToken.split('.')[1])).toBe(newHash);
    expect(tokens.sign).toHaveBeenCalledWith({ sub: 'u1', sid: SID, cid: 'c1', ver: 3 });
    expect(pair).toMatchObject({ accessToken: 'jwt', expiresIn: 900, activeCompanyId: 'c1' });
  });

  it('treats an old secret as reuse: revokes the session, records refresh_reuse, answers refresh_invalid', async () => {
    sessions.findById.mockResolvedValue(liveSession(hashToken('B'.repeat(43))));
    await expect(service.refresh(`${SID}.${SECRET}`)).rejects.toMatchObject({
      status: 401,
      code: 'refresh_invalid',
    });
    expect(sessions.revoke).toHaveBeenCalledWith(SID, 'reuse');
    expect(events.record).toHaveBeenCalledWith('refresh_reuse', { userId: 'u1', sessionId: SID });
    expect(sessions.rotate).not.toHaveBeenCalled();
  });

  it('treats losing a concurrent rotation as reuse', async () => {
    sessions.findById.mockResolvedValue(liveSession(hashToken(SECRET)));
    sessions.rotate.mockResolvedValue(null);
    await expect(service.refresh(`${SID}.${SECRET}`)).rejects.toMatchObject({ code: 'refresh_invalid' });
    expect(sessions.revoke).toHaveBeenCalledWith(SID, 'reuse');
  });

  it('refuses revoked and expired sessions without calling it reuse', async () => {
    sessions.findById.mockResolvedValue({ ...liveSession(hashToken(SECRET)), revokedAt: new Date() });
    await expect(service.refresh(`${SID}.${SECRET}`)).rejects.toMatchObject({ code: 'refresh_invalid' });
    sessions.findById.mockResolvedValue({
      ...liveSession(hashToken(SECRET)),
      expiresAt: new Date(Date.now() - 1),
    });
    await expect(service.refresh(`${SID}.${SECRET}`)).rejects.toMatchObject({ code: 'refresh_invalid' });
    expect(events.record).not.toHaveBeenCalled();
  });

  it('refuses a disabled user and ends the session', async () => {
    sessions.findById.mockResolvedValue(liveSession(hashToken(SECRET)));
    users.findById.mockResolvedValue({ id: 'u1', status: 'disabled', deletedAt: null, tokenVersion: 0 });
    await expect(service.refresh(`${SID}.${SECRET}`)).rejects.toMatchObject({ code: 'refresh_invalid' });
    expect(sessions.revoke).toHaveBeenCalledWith(SID, 'disabled');
  });
});
