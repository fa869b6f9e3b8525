import { Inject, Injectable } from '@nestjs/common';
import type { UserStatus } from './entities/user.entity';
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

/** Read-only view of users for other modules (no hashes, no token versions). */
@Injectable()
export class UserDirectory {
  constructor(@Inject(UsersRepository) private readonly users: UsersRepository) {}

  /** The user, or null when unknown or deleted. */
  async findById(userId: string): Promise<DirectoryUser | null> {
    const user = await this.users.findById(userId);
    if (!user || user.deletedAt) return null;
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
}
