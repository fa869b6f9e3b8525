import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '@libs/security';
import { AuthEvent } from './entities/auth-event.entity';
import { User } from './entities/user.entity';
import { fieldError } from './identity.errors';
import { checkPassword, normalizeEmail } from './password-policy';

/** A strong random password (32 bytes, base64url: 43 characters, 256 bits), never a fixed default. */
export function generateStrongPassword(): string {
  return randomBytes(32).toString('base64url');
}

export interface CreatePlatformAdminInput {
  email: string;
  /** Omitted: one is generated and returned (to be shown once). */
  password?: string;
  name?: string;
  /** Only when the installation has no user at all (first start); otherwise nothing happens. */
  onlyIfNoUser?: boolean;
}

export interface CreatedPlatformAdmin {
  userId: string;
  email: string;
  /** Set only when the password was generated. */
  generatedPassword?: string;
}

export class PlatformAdminError extends Error {}

/**
 * Creates an active, verified platform administrator. Works on any EntityManager (the app's or the
 * CLI's own connection). Serialised by an advisory lock so two instances starting at once create one.
 * Returns null when `onlyIfNoUser` and a user already exists.
 */
export async function createPlatformAdmin(
  manager: EntityManager,
  input: CreatePlatformAdminInput,
): Promise<CreatedPlatformAdmin | null> {
  const email = normalizeEmail(input.email);
  const generatedPassword = input.password === undefined ? generateStrongPassword() : undefined;
  const password = input.password ?? generatedPassword!;
  const problem = checkPassword(password, email);
  if (problem) throw fieldError([problem]);
  const passwordHash = await hashPassword(password);
  return manager.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cornerstone:platform-admin'))`);
    const users = tx.getRepository(User);
    if (input.onlyIfNoUser && (await users.exists({ withDeleted: true }))) return null;
    if (await users.exists({ where: { email } }))
      throw new PlatformAdminError(`A user with the e-mail ${email} already exists`);
    const id = uuidv7();
    await users.insert({
      id,
      email,
      passwordHash,
      name: input.name ?? 'Platform administrator',
      status: 'active',
      emailVerifiedAt: new Date(),
      isPlatformAdmin: true,
    });
    await tx.getRepository(AuthEvent).insert({ id: uuidv7(), type: 'user_created', userId: id, email });
    return { userId: id, email, generatedPassword };
  });
}
