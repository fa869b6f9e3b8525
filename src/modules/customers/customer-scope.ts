import { AppError, CoreErrorCode, type Principal } from '@libs/core';
import type { OwnerScope } from './customer-list-sql';

/**
 * How far a principal's permission reaches (SPEC §4): scope `all` = every customer of the company,
 * scope `own` = customers whose owner_id is the principal's user (an API key owns none). The guard
 * has already checked that the key is held at all; a missing key here is a programming error or a
 * second key the route needs (deleted lists need the write key) -> 403.
 */
export function ownerScopeOf(principal: Principal, key: string): OwnerScope {
  const scope = principal.permissions.get(key);
  if (!scope) {
    throw new AppError(403, CoreErrorCode.Forbidden, `This requires the permission ${key}`, {
      extensions: { permission: key },
    });
  }
  return scope === 'all' ? { all: true } : { all: false, userId: principal.userId };
}

/** The SQL values of `($n::boolean OR c.owner_id = $m)`: all, and the owner to match otherwise. */
export function scopeValues(scope: OwnerScope): [boolean, string | null] {
  return scope.all ? [true, null] : [false, scope.userId];
}
