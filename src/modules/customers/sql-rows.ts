import type { EntityManager } from 'typeorm';

export type Row = Record<string, unknown>;

/**
 * Runs a hand-written statement on the ambient transaction's connection and returns its rows, the
 * RETURNING rows included: TypeORM answers UPDATE and DELETE with `[rows, rowCount]` and every other
 * command with the rows alone (whose elements are objects, never arrays).
 */
export async function rowsOf<T extends Row = Row>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(text, values);
  const updateOrDelete =
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return (updateOrDelete ? result[0] : result) as T[];
}

/** `SET a = $3, b = $4` from column -> value pairs, numbering after the values already collected. */
export function setList(changes: Record<string, unknown>, values: unknown[]): string[] {
  return Object.entries(changes).map(([column, value]) => `${column} = $${values.push(value)}`);
}

/** `INSERT INTO <table> (<columns>) VALUES (...), (...) <suffix>`: one statement for many rows. */
export function insertStatement(
  table: string,
  rows: Row[],
  suffix: string,
): { text: string; values: unknown[] } {
  const columns = Object.keys(rows[0]);
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
    values,
  };
}
