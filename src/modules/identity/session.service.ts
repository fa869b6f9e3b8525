import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { v7 as uuidv7 } from 'uuid';
import { currentContext, NotFoundError } from '@libs/core';
import { constantTimeEqual, generateToken, hashToken } from '@libs/security';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens';
import { AuthEventsRepository } from './auth-events.repository';
import type { TokenPairDto } from './dto/token-pair.dto';
import { SessionResponseDto } from './dto/session.response.dto';
import { refreshInvalid } from './identity.errors';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits `<sid>.<secret>`; null when the shape is wrong. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const sessionId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!UUID.test(sessionId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { sessionId, secret };
}

/** Sessions and the token pairs they issue (SPEC §2: login, refresh with rotation, logout, switch company). */
@Injectable()
export class SessionService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(AuthEventsRepository) private readonly events: AuthEventsRepository,
  ) {}

  private pair(
    userId: string,
    sessionId: string,
    secret: string,
    companyId: string | null,
    tokenVersion: number,
  ): TokenPairDto {
    return {
      accessToken: this.accessTokens.sign({ sub: userId, sid: sessionId, cid: companyId, ver: tokenVersion }),
      refreshToken: `${sessionId}.${secret}`,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      activeCompanyId: companyId,
    };
  }

  /** A new session for a user who just proved their password (in the caller's transaction). */
  async open(userId: string, companyId: string | null, tokenVersion: number): Promise<TokenPairDto> {
    const context = currentContext();
    const secret = generateToken();
    const now = Date.now();
    const sessionId = uuidv7();
    await this.sessions.insert({
      id: sessionId,
      userId,
      companyId,
      refreshHash: hashToken(secret),
      userAgent: context.userAgent ?? null,
      ip: context.ip ?? null,
      lastUsedAt: new Date(now),
      expiresAt: new Date(now + SESSION_IDLE_MS),
      absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_MS),
    });
    return this.pair(userId, sessionId, secret, companyId, tokenVersion);
  }

  /**
   * Rotation with reuse detection. A refresh token whose secret is not the session's current one was
   * already used (or stolen): the session is revoked, `refresh_reuse` recorded, 401. Runs without a
   * transaction so the revocation survives the error answer.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw refreshInvalid();
    const session = await this.sessions.findById(parsed.sessionId);
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw refreshInvalid();

    const presentedHash = hashToken(parsed.secret);
    if (!constantTimeEqual(presentedHash, session.refreshHash)) {
      await this.revokeForReuse(session.id, session.userId);
      throw refreshInvalid();
    }
    const user = await this.users.findById(session.userId);
    if (!user || user.deletedAt || user.status !== 'active') {
      await this.sessions.revoke(session.id, user?.status === 'disabled' ? 'disabled' : 'deleted');
      throw refreshInvalid();
    }
    const secret = generateToken();
    const rotated = await this.sessions.rotate(session.id, presentedHash, hashToken(secret));
    if (!rotated) {
      // Lost a race with another refresh presenting the same token: that is reuse too.
      await this.revokeForReuse(session.id, session.userId);
      throw refreshInvalid();
    }
    return this.pair(user.id, session.id, secret, rotated.companyId, user.tokenVersion);
  }

  private async revokeForReuse(sessionId: string, userId: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'reuse');
    await this.events.record('refresh_reuse', { userId, sessionId });
  }

  /**
   * New pair for the current session, with another company (the caller checked the membership) or the
   * same one (after a password change). The old refresh token stops working.
   */
  @Transactional()
  async reissue(userId: string, sessionId: string, companyId?: string | null): Promise<TokenPairDto> {
    const user = await this.users.findById(userId);
    const session = await this.sessions.findById(sessionId);
    if (!user || user.deletedAt || !session || session.userId !== userId) throw refreshInvalid();
    const secret = generateToken();
    const ok = await this.sessions.reissue(sessionId, userId, hashToken(secret), companyId);
    if (!ok) throw refreshInvalid();
    return this.pair(
      userId,
      sessionId,
      secret,
      companyId === undefined ? session.companyId : companyId,
      user.tokenVersion,
    );
  }

  /** SPEC port: sets the session's active company and returns a pair whose `cid` is that company. */
  @Transactional()
  async switchCompany(userId: string, sessionId: string, companyId: string): Promise<TokenPairDto> {
    const pair = await this.reissue(userId, sessionId, companyId);
    await this.events.record('company_switched', { userId, sessionId });
    return pair;
  }

  @Transactional()
  async logout(userId: string, sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'logout', userId);
    await this.events.record('logout', { userId, sessionId });
  }

  /** Every session ends and every access token already issued stops working (token_version bump). */
  @Transactional()
  async logoutAll(userId: string, sessionId: string | null): Promise<void> {
    await this.sessions.revokeAllOfUser(userId, 'logout_all');
    await this.users.bumpTokenVersion(userId);
    await this.events.record('logout_all', { userId, sessionId });
  }

  async list(userId: string, currentSessionId: string | null): Promise<SessionResponseDto[]> {
    const sessions = await this.sessions.listLive(userId);
    return sessions.map((s) => SessionResponseDto.from(s, currentSessionId));
  }

  /** Revokes one of the user's own sessions; another user's (or an unknown one) is 404. */
  @Transactional()
  async revoke(userId: string, sessionId: string): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (!session || session.userId !== userId || session.revokedAt) throw new NotFoundError('Session');
    await this.sessions.revoke(sessionId, 'revoked', userId);
    await this.events.record('session_revoked', { userId, sessionId });
  }
}
