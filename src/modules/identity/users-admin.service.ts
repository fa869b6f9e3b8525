import { Inject, Injectable, Optional } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { assertIfMatch, currentActorId, keysetPaginate, mapPage, NotFoundError, type Page } from '@libs/core';
import { generateToken, hashPassword } from '@libs/security';
import { Mailer } from '../mail';
import { AuthEventsRepository } from './auth-events.repository';
import { UserResponseDto } from './dto/user.response.dto';
import {
  type CreateUserDto,
  type ListUsersQueryDto,
  type UpdateUserDto,
  USER_SORT,
} from './dto/users-admin.dto';
import { User } from './entities/user.entity';
import { emailTaken, IdentityError, IdentityErrorCode } from './identity.errors';
import { MembershipDirectory } from './membership-directory.port';
import { normalizeEmail } from './password-policy';
import { SessionsRepository } from './sessions.repository';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { isUniqueViolation } from '@libs/persistence';

const selfChange = (): IdentityError =>
  new IdentityError(
    409,
    IdentityErrorCode.CannotChangeOwnAccount,
    'Use /auth/me for your own account; another administrator must do this',
  );

/** Installation operators manage users (SPEC §2, platform admin). */
@Injectable()
export class UsersAdminService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsRepository) private readonly sessionRows: SessionsRepository,
    @Inject(UserTokensRepository) private readonly tokens: UserTokensRepository,
    @Inject(AuthEventsRepository) private readonly events: AuthEventsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Optional() @Inject(MembershipDirectory) private readonly memberships?: MembershipDirectory,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const qb = this.txHost.tx.getRepository(User).createQueryBuilder('u');
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.name ILIKE :like OR CAST(u.email AS text) ILIKE :like)', { like });
    }
    const page = await keysetPaginate(qb, query, {
      sortable: { createdAt: 'u.created_at', name: 'u.name', email: 'u.email' },
      defaultSort: USER_SORT.default,
      tieBreaker: { key: 'id', column: 'u.id' },
    });
    return mapPage(page, (u) => UserResponseDto.from(u));
  }

  private async live(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user || user.deletedAt) throw new NotFoundError('User');
    return user;
  }

  get(id: string): Promise<UserResponseDto> {
    return this.live(id).then((u) => UserResponseDto.from(u));
  }

  /** Creates a pending user and mails a `set_password` link (72 h); reset-password with it activates the account. */
  async create(input: CreateUserDto): Promise<UserResponseDto> {
    const email = normalizeEmail(input.email);
    if (await this.users.emailTaken(email)) throw emailTaken();
    // Never usable: nobody knows this password; the person sets their own through the mail.
    const placeholderHash = await hashPassword(generateToken());
    try {
      return await this.insertInvitedUser(email, input, placeholderHash);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  @Transactional()
  private async insertInvitedUser(
    email: string,
    input: CreateUserDto,
    passwordHash: string,
  ): Promise<UserResponseDto> {
    const user = await this.users.insert({
      email,
      passwordHash,
      name: input.name.trim(),
      status: 'pending_verification',
      isPlatformAdmin: input.isPlatformAdmin ?? false,
      ...(input.locale ? { locale: input.locale } : {}),
    });
    const token = await this.tokens.issue(user.id, 'set_password');
    await this.mailer.queue({
      to: email,
      template: 'set_password',
      locale: user.locale,
      variables: { name: user.name, token },
    });
    await this.events.record('user_created', { userId: user.id, email });
    return UserResponseDto.from(user);
  }

  @Transactional()
  async update(id: string, changes: UpdateUserDto, ifMatch: string | undefined): Promise<UserResponseDto> {
    const user = await this.live(id);
    assertIfMatch(ifMatch, user.version);
    if (changes.isPlatformAdmin === false && id === currentActorId()) throw selfChange();
    const set: Partial<User> = {};
    if (changes.name !== undefined) set.name = changes.name.trim();
    if (changes.locale !== undefined) set.locale = changes.locale;
    if (changes.timezone !== undefined) set.timezone = changes.timezone;
    if (changes.isPlatformAdmin !== undefined) set.isPlatformAdmin = changes.isPlatformAdmin;
    if (changes.onboardingCompleted !== undefined)
      set.onboardingCompletedAt = changes.onboardingCompleted
        ? (user.onboardingCompletedAt ?? new Date())
        : null;
    if (Object.keys(set).length) {
      await this.users.update(id, set);
      await this.events.record('user_updated', { userId: id, email: user.email });
    }
    return this.get(id);
  }

  /** Disables the account and ends every session at once. */
  @Transactional()
  async deactivate(id: string, ifMatch: string | undefined): Promise<UserResponseDto> {
    const user = await this.live(id);
    assertIfMatch(ifMatch, user.version);
    if (id === currentActorId()) throw selfChange();
    if (user.status !== 'disabled') {
      await this.users.bumpTokenVersion(id, { status: 'disabled' });
      await this.sessionRows.revokeAllOfUser(id, 'disabled');
      await this.events.record('user_disabled', { userId: id, email: user.email });
    }
    return this.get(id);
  }

  @Transactional()
  async activate(id: string, ifMatch: string | undefined): Promise<UserResponseDto> {
    const user = await this.live(id);
    assertIfMatch(ifMatch, user.version);
    if (user.status === 'disabled') {
      await this.users.update(id, { status: user.emailVerifiedAt ? 'active' : 'pending_verification' });
      await this.events.record('user_enabled', { userId: id, email: user.email });
    }
    return this.get(id);
  }

  /** Soft delete with personal data anonymised, like DELETE /auth/me (and the same last-owner rule). */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const user = await this.live(id);
    assertIfMatch(ifMatch, user.version);
    if (id === currentActorId()) throw selfChange();
    if (this.memberships) {
      await this.memberships.assertAccountDeletable(id);
      await this.memberships.removeAllMemberships(id);
    }
    await this.sessionRows.revokeAllOfUser(id, 'deleted');
    await this.users.anonymise(id);
    await this.events.record('account_deleted', { userId: id });
  }
}
