import { ClsServiceManager, type ClsStore } from 'nestjs-cls';

/** Who is acting: a signed-in user, a machine client (API key) or the system itself (jobs, CLI). */
export type ActorType = 'user' | 'api_key' | 'system';

export interface Actor {
  type: ActorType;
  id: string | null;
}

/**
 * What every layer may know about the request in flight. Stored in nestjs-cls (AsyncLocalStorage),
 * so services, subscribers and the logger read it without it being passed down by hand.
 */
export interface RequestContextStore extends ClsStore {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  actor?: Actor;
  /** The active company (tenant) of the principal; repositories of tenant-owned tables require it. */
  companyId?: string;
}

/** Reads the current context from anywhere (also outside Nest DI, e.g. TypeORM subscribers). */
export function currentContext(): RequestContextStore {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  if (!cls.isActive()) return {};
  return cls.get() ?? {};
}

/** The id written into created_by / updated_by / deleted_by: the principal, or null for the system. */
export function currentActorId(): string | null {
  return currentContext().actor?.id ?? null;
}
