import { QueryFailedError } from 'typeorm';

/** The SQLSTATE codes the modules react to (PostgreSQL Appendix A). */
export const PgErrorCode = {
  UniqueViolation: '23505',
  ForeignKeyViolation: '23503',
  RestrictViolation: '23001',
} as const;

/** The PostgreSQL error code of a failed query (23505 unique, 23503 foreign key ...), if any. */
export function pgErrorCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

/** The constraint a failed query broke, if PostgreSQL named one. */
export function pgConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { constraint?: string } | undefined)?.constraint;
}

/** Whether a query failed on a unique constraint: on `constraint` when given, on any otherwise. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    pgErrorCode(error) === PgErrorCode.UniqueViolation &&
    (constraint === undefined || pgConstraint(error) === constraint)
  );
}

/** Whether a query failed on a foreign key: on `constraint` when given, on any otherwise. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return (
    pgErrorCode(error) === PgErrorCode.ForeignKeyViolation &&
    (constraint === undefined || pgConstraint(error) === constraint)
  );
}
