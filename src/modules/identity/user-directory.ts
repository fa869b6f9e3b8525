import { Inject, Injectable } from '@nestjs/common';
import type { User, UserStatus } from './entities/user.entity';
import { UsersRepository } from './users.repository';

export interface DirectoryUser {
  id: string;
  email: string | null;
  name: string;
  status: UserStatus;
  isPlatformAdmin: boolean;
  locale: string;
  timezone: string;
}

export const USER_SEARCH_LIMIT = 1000;

function toDirectoryUser(user: User): DirectoryUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    isPlatformAdmin: user.isPlatformAdmin,
    locale: user.locale,
    timezone: user.timezone,
  };
}

/** Read-only view of users for other modules (no hashes, no token versions). */
@Injectable()
export class UserDirectory {
  constructor(@Inject(UsersRepository) private readonly users: UsersRepository) {}

  /** The user, or null when unknown or deleted. */
  async findById(userId: string): Promise<DirectoryUser | null> {
    const user = await this.users.findById(userId);
    return user && !user.deletedAt ? toDirectoryUser(user) : null;
  }

  /** Live users among `ids`, by id (unknown and deleted ones are absent). */
  async findManyByIds(ids: string[]): Promise<Map<string, DirectoryUser>> {
    const users = await this.users.findManyByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, toDirectoryUser(user)]));
  }

  /** The id of the live account with this e-mail (any case), or null. */
  async findIdByEmail(email: string): Promise<string | null> {
    return (await this.users.findByEmail(email))?.id ?? null;
  }

  /**
   * Ids of users whose name or e-mail contains `text`, for other modules' searches ("members named
   * …"). Capped at USER_SEARCH_LIMIT: a search that broad should be narrowed, not paged through here.
   */
  searchIds(text: string): Promise<string[]> {
    return this.users.searchIds(text, USER_SEARCH_LIMIT);
  }
}
