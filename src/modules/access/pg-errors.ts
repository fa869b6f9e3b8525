import { QueryFailedError } from 'typeorm';

/** The PostgreSQL error code of a failed query (23505 unique, 23503 foreign key...), if any. */
export function pgErrorCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

/** The constraint a failed query broke, if PostgreSQL named one. */
export function pgConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { constraint?: string } | undefined)?.constraint;
}
