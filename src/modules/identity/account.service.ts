import { Inject, Injectable, Optional } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { hashPassword, verifyPassword } from '@libs/security';
import { Mailer } from '../mail';
import { AuthEventsRepository } from './auth-events.repository';
import type { TokenPairDto } from './dto/token-pair.dto';
import { UserResponseDto } from './dto/user.response.dto';
import type { User } from './entities/user.entity';
import {
  emailTaken,
  fieldError,
  IdentityError,
  IdentityErrorCode,
  passwordIncorrect,
  tokenInvalid,
} from './identity.errors';
import { MembershipDirectory } from './membership-directory.port';
import { checkPassword, normalizeEmail } from './password-policy';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { isUniqueViolation } from '@libs/persistence';

export interface ProfileChanges {
  name?: string;
  locale?: string;
  timezone?: string;
  onboardingCompleted?: boolean;
}

/** The signed-in user's own account (SPEC §2, /auth/me…). */
@Injectable()
export class AccountService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsRepository) private readonly sessionRows: SessionsRepository,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(UserTokensRepository) private readonly tokens: UserTokensRepository,
    @Inject(AuthEventsRepository) private readonly events: AuthEventsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Optional() @Inject(MembershipDirectory) private readonly memberships?: MembershipDirectory,
  ) {}

  private async liveUser(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user || user.deletedAt) throw new IdentityError(404, IdentityErrorCode.NotFound, 'User not found');
    return user;
  }

  /** Checks a password the user typed to confirm a sensitive change; wrong -> 400 naming `path`. */
  private async assertPassword(user: User, password: string, path: string): Promise<void> {
    const ok =
      user.passwordHash !== null &&
      Buffer.byteLength(password, 'utf8') <= 72 &&
      (await verifyPassword(password, user.passwordHash));
    if (!ok) throw passwordIncorrect(path);
  }

  async profile(userId: string): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.liveUser(userId));
  }

  @Transactional()
  async updateProfile(userId: string, changes: ProfileChanges): Promise<UserResponseDto> {
    const user = await this.liveUser(userId);
    const set: Partial<User> = {};
    if (changes.name !== undefined) set.name = changes.name.trim();
    if (changes.locale !== undefined) set.locale = changes.locale;
    if (changes.timezone !== undefined) set.timezone = changes.timezone;
    if (changes.onboardingCompleted !== undefined)
      set.onboardingCompletedAt = changes.onboardingCompleted
        ? (user.onboardingCompletedAt ?? new Date())
        : null;
    if (Object.keys(set).length) await this.users.update(userId, set);
    return UserResponseDto.from(await this.liveUser(userId));
  }

  /**
   * Current password required (wrong -> 400 `currentPassword`); bumps token_version, ends every other
   * session, and answers fresh tokens for this one.
   */
  @Transactional()
  async changePassword(
    userId: string,
    sessionId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<TokenPairDto> {
    const user = await this.liveUser(userId);
    await this.assertPassword(user, currentPassword, 'currentPassword');
    const problem = checkPassword(newPassword, user.email, 'newPassword');
    if (problem) throw fieldError([problem]);
    await this.users.bumpTokenVersion(userId, { passwordHash: await hashPassword(newPassword) });
    await this.sessionRows.revokeAllOfUser(userId, 'password_changed', sessionId);
    await this.mailer.queue({
      to: user.email!,
      template: 'password_changed',
      locale: user.locale,
      variables: { name: user.name },
    });
    await this.events.record('password_changed', { userId, email: user.email, sessionId });
    return this.sessions.reissue(userId, sessionId);
  }

  /** Password required; taken -> 409. A token goes to the new address, a notice to the old one. */
  @Transactional()
  async requestEmailChange(userId: string, rawNewEmail: string, password: string): Promise<void> {
    const user = await this.liveUser(userId);
    await this.assertPassword(user, password, 'password');
    const newEmail = normalizeEmail(rawNewEmail);
    if (newEmail === user.email?.toLowerCase() || (await this.users.emailTaken(newEmail)))
      throw emailTaken('newEmail');
    await this.tokens.retireOpen(userId, ['change_email']);
    const token = await this.tokens.issue(userId, 'change_email', { newEmail });
    await this.mailer.queue({
      to: newEmail,
      template: 'change_email_confirm',
      locale: user.locale,
      variables: { name: user.name, token },
    });
    await this.mailer.queue({
      to: user.email!,
      template: 'change_email_notice',
      locale: user.locale,
      variables: { name: user.name, newEmail },
    });
    await this.events.record('email_change_requested', { userId, email: user.email });
  }

  /** Public: the token alone proves control of the new address. */
  async confirmEmailChange(token: string): Promise<UserResponseDto> {
    try {
      return await this.applyEmailChange(token);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken('token');
      throw error;
    }
  }

  @Transactional()
  private async applyEmailChange(token: string): Promise<UserResponseDto> {
    const used = await this.tokens.consume(token, ['change_email']);
    const newEmail = used?.payload?.newEmail;
    if (!used || !newEmail) throw tokenInvalid();
    const user = await this.users.findById(used.userId);
    if (!user || user.deletedAt) throw tokenInvalid();
    if (await this.users.emailTaken(newEmail)) throw emailTaken('token');
    await this.users.update(user.id, { email: newEmail, emailVerifiedAt: new Date() });
    await this.events.record('email_changed', { userId: user.id, email: newEmail });
    return UserResponseDto.from(await this.liveUser(user.id));
  }

  /**
   * Password required; 409 `last_owner` from the companies module; then anonymised soft delete: name
   * `Deleted user`, e-mail and password hash NULL, sessions revoked, memberships soft-deleted.
   */
  @Transactional()
  async deleteAccount(userId: string, password: string): Promise<void> {
    const user = await this.liveUser(userId);
    await this.assertPassword(user, password, 'password');
    if (!this.memberships)
      throw new IdentityError(503, IdentityErrorCode.MembershipsUnavailable, 'Memberships are not available');
    await this.memberships.assertAccountDeletable(userId);
    await this.memberships.removeAllMemberships(userId);
    await this.sessionRows.revokeAllOfUser(userId, 'deleted');
    await this.users.anonymise(userId);
    await this.events.record('account_deleted', { userId });
  }
}
