import type { ObjectLiteral, Repository } from 'typeorm';

/** A row of `UPDATE … RETURNING *` (database column names) as the repository's entity. */
export function entityFromRaw<T extends ObjectLiteral>(
  repository: Repository<T>,
  raw: Record<string, unknown>,
): T {
  const columns = repository.metadata.columns;
  return repository.create(
    Object.fromEntries(columns.map((column) => [column.propertyName, raw[column.databaseName]])) as T,
  );
}
