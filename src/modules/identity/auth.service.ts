import { Inject, Injectable, Optional } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { currentContext } from '@libs/core';
import { dummyPasswordHash, hashPassword, verifyPassword } from '@libs/security';
import { Mailer } from '../mail';
import { AuthEventsRepository } from './auth-events.repository';
import { LoginResponseDto } from './dto/login.response.dto';
import type { TokenPairDto } from './dto/token-pair.dto';
import { UserResponseDto } from './dto/user.response.dto';
import type { User } from './entities/user.entity';
import {
  emailTaken,
  fieldError,
  IdentityError,
  IdentityErrorCode,
  invalidCredentials,
  tokenInvalid,
} from './identity.errors';
import { LoginThrottle } from './login-throttle';
import { MembershipDirectory } from './membership-directory.port';
import { checkPassword, normalizeEmail } from './password-policy';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { isUniqueViolation } from '@libs/persistence';

/** Forgot-password mails per e-mail per hour (SPEC §2). */
export const RESET_MAILS_PER_HOUR = 3;

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  invitationToken?: string;
}

/** Passwords over 72 bytes never reach bcrypt (it would truncate): they cannot match any stored hash. */
async function passwordMatches(password: string, hash: string): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > 72) {
    await dummyPasswordHash().then((h) => verifyPassword('x', h));
    return false;
  }
  return verifyPassword(password, hash);
}

/** Public sign-up and sign-in flows (SPEC §2). */
@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UserTokensRepository) private readonly tokens: UserTokensRepository,
    @Inject(AuthEventsRepository) private readonly events: AuthEventsRepository,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionsRepository) private readonly sessionRows: SessionsRepository,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Optional() @Inject(MembershipDirectory) private readonly memberships?: MembershipDirectory,
  ) {}

  private membershipDirectory(): MembershipDirectory {
    if (!this.memberships)
      throw new IdentityError(503, IdentityErrorCode.MembershipsUnavailable, 'Memberships are not available');
    return this.memberships;
  }

  /** 201 with the user, no tokens. The password is hashed before the transaction opens. */
  async register(input: RegisterInput): Promise<UserResponseDto> {
    const email = normalizeEmail(input.email);
    const problem = checkPassword(input.password, email);
    if (problem) throw fieldError([problem]);
    if (await this.users.emailTaken(email)) throw emailTaken();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.createRegisteredUser(email, input.name.trim(), passwordHash, input.invitationToken);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  @Transactional()
  private async createRegisteredUser(
    email: string,
    name: string,
    passwordHash: string,
    invitationToken: string | undefined,
  ): Promise<UserResponseDto> {
    if (await this.users.emailTaken(email)) throw emailTaken();
    const invited = invitationToken !== undefined;
    const user = await this.users.insert({
      email,
      passwordHash,
      name,
      status: invited ? 'active' : 'pending_verification',
      emailVerifiedAt: invited ? new Date() : null,
    });
    if (invited) {
      // The invitation proves the address; an invalid one throws and rolls the whole sign-up back.
      await this.membershipDirectory().joinByInvitation(invitationToken, { id: user.id, email });
    } else {
      await this.sendVerification(user);
    }
    await this.events.record('register', { userId: user.id, email });
    return UserResponseDto.from(user);
  }

  private async sendVerification(user: User): Promise<void> {
    await this.tokens.retireOpen(user.id, ['verify_email']);
    const token = await this.tokens.issue(user.id, 'verify_email');
    await this.mailer.queue({
      to: user.email!,
      template: 'verify_email',
      locale: user.locale,
      variables: { name: user.name, token },
    });
  }

  @Transactional()
  async verifyEmail(token: string): Promise<UserResponseDto> {
    const used = await this.tokens.consume(token, ['verify_email']);
    if (!used) throw tokenInvalid();
    const user = await this.users.findById(used.userId);
    if (!user || user.deletedAt) throw tokenInvalid();
    await this.users.update(user.id, {
      emailVerifiedAt: new Date(),
      ...(user.status === 'pending_verification' ? { status: 'active' } : {}),
    });
    await this.events.record('email_verified', { userId: user.id, email: user.email });
    return UserResponseDto.from((await this.users.findById(user.id))!);
  }

  /** Always 202: a new link only for an account still waiting for verification. */
  @Transactional()
  async resendVerification(rawEmail: string): Promise<void> {
    const user = await this.users.findByEmail(normalizeEmail(rawEmail));
    if (user?.status === 'pending_verification') await this.sendVerification(user);
  }

  /**
   * Lockout first (before any hashing), then the password (against a dummy hash for unknown e-mails, so
   * timing tells nothing), then, only with the right password, the account's status.
   */
  async login(rawEmail: string, password: string): Promise<LoginResponseDto> {
    const email = normalizeEmail(rawEmail);
    const { ip } = currentContext();
    await this.throttle.assertAllowed(email, ip);

    const user = await this.users.findByEmail(email);
    const valid = await passwordMatches(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) {
      await this.throttle.recordFailure(email, ip, user?.id ?? null);
      await this.events.record('login_failed', { userId: user?.id ?? null, email });
      throw invalidCredentials();
    }
    await this.throttle.recordSuccess(email);
    if (user.status === 'pending_verification')
      throw new IdentityError(403, IdentityErrorCode.EmailNotVerified, 'Confirm your e-mail address first');
    if (user.status === 'disabled')
      throw new IdentityError(403, IdentityErrorCode.AccountDisabled, 'This account is disabled');

    const companyId = (await this.memberships?.defaultCompanyId(user.id)) ?? null;
    const pair = await this.startSession(user, companyId);
    const fresh = (await this.users.findById(user.id))!;
    return { ...pair, user: UserResponseDto.from(fresh) };
  }

  @Transactional()
  private async startSession(user: User, companyId: string | null): Promise<TokenPairDto> {
    const pair = await this.sessions.open(user.id, companyId, user.tokenVersion);
    await this.users.update(user.id, { lastLoginAt: new Date() });
    await this.events.record('login_succeeded', {
      userId: user.id,
      email: user.email,
      sessionId: pair.refreshToken.slice(0, pair.refreshToken.indexOf('.')),
    });
    return pair;
  }

  /** Always 202. Mails only an active account, at most 3 times an hour per address. */
  @Transactional()
  async forgotPassword(rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const user = await this.users.findByEmail(email);
    await this.events.record('password_reset_requested', { userId: user?.id ?? null, email });
    if (user?.status !== 'active') return;
    const recent = await this.tokens.countSince(user.id, 'reset_password', new Date(Date.now() - 3600_000));
    if (recent >= RESET_MAILS_PER_HOUR) return;
    const token = await this.tokens.issue(user.id, 'reset_password');
    await this.mailer.queue({
      to: user.email!,
      template: 'reset_password',
      locale: user.locale,
      variables: { name: user.name, token },
    });
  }

  /**
   * Sets a new password with a `reset_password` (or `set_password`, which also proves the e-mail) token:
   * every session ends, token_version is bumped, a notice is mailed.
   */
  @Transactional()
  async resetPassword(token: string, password: string): Promise<void> {
    const used = await this.tokens.consume(token, ['reset_password', 'set_password']);
    if (!used) throw tokenInvalid();
    const user = await this.users.findById(used.userId);
    if (!user || user.deletedAt || !user.email) throw tokenInvalid();
    const problem = checkPassword(password, user.email);
    if (problem) throw fieldError([problem]);
    const setting = used.purpose === 'set_password';
    await this.users.bumpTokenVersion(user.id, {
      passwordHash: await hashPassword(password),
      ...(setting && !user.emailVerifiedAt ? { emailVerifiedAt: new Date() } : {}),
      ...(setting && user.status === 'pending_verification' ? { status: 'active' } : {}),
    });
    await this.tokens.retireOpen(user.id, ['reset_password', 'set_password']);
    await this.sessionRows.revokeAllOfUser(user.id, 'password_reset');
    await this.mailer.queue({
      to: user.email,
      template: 'password_changed',
      locale: user.locale,
      variables: { name: user.name },
    });
    await this.events.record('password_reset', { userId: user.id, email: user.email });
  }
}
