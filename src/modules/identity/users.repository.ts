import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { User } from './entities/user.entity';

export type NewUser = Pick<User, 'email' | 'passwordHash' | 'name' | 'status'> &
  Partial<Pick<User, 'emailVerifiedAt' | 'isPlatformAdmin' | 'locale' | 'timezone'>>;

/** Users, soft-deleted ones excluded from every read unless stated. */
@Injectable()
export class UsersRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get repo(): Repository<User> {
    return this.txHost.tx.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** The live account with this e-mail (citext: any case). */
  findByEmail(email: string): Promise<User | null> {
    return this.repo.findOne({ where: { email, deletedAt: IsNull() } });
  }

  /** Live users among `ids`. */
  findManyByIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.repo.find({ where: { id: In(ids), deletedAt: IsNull() } }) : Promise.resolve([]);
  }

  /** Ids of live users whose name or e-mail contains `text` (any case), at most `limit`. */
  async searchIds(text: string, limit: number): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.deleted_at IS NULL')
      .andWhere('(u.name ILIKE :pattern OR u.email::text ILIKE :pattern)', {
        pattern: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      })
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async emailTaken(email: string): Promise<boolean> {
    return this.repo.exists({ where: { email, deletedAt: IsNull() } });
  }

  async anyExists(): Promise<boolean> {
    return this.repo.exists({ withDeleted: true });
  }

  async insert(user: NewUser): Promise<User> {
    const entity = this.repo.create({ id: uuidv7(), ...user });
    return this.repo.save(entity);
  }

  /** Sets the given columns and bumps `version`; returns nothing (callers re-read when they answer). */
  async update(id: string, changes: Partial<User>): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(User)
      .set({ ...changes, updatedBy: currentActorId(), version: () => 'version + 1' })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
  }

  /** Invalidates every access token of the user; returns the new version. */
  async bumpTokenVersion(id: string, changes: Partial<User> = {}): Promise<number> {
    const result = await this.repo
      .createQueryBuilder()
      .update(User)
      .set({
        ...changes,
        updatedBy: currentActorId(),
        version: () => 'version + 1',
        tokenVersion: () => 'token_version + 1',
      })
      .where('id = :id', { id })
      .returning(['tokenVersion'])
      .execute();
    const raw = result.raw as Array<{ token_version: number }>;
    return raw[0].token_version;
  }

  /** Soft delete with personal data anonymised (SPEC §2), in one UPDATE. */
  async anonymise(id: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(User)
      .set({
        name: 'Deleted user',
        email: null,
        passwordHash: null,
        deletedAt: () => 'now()',
        deletedBy: currentActorId(),
        updatedBy: currentActorId(),
        version: () => 'version + 1',
        tokenVersion: () => 'token_version + 1',
      })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
  }
}
