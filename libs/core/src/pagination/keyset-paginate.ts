import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor';
import type { Page } from './page';
import { formatSort, parseSort, type SortTerm } from './sort';

export interface KeysetListOptions<T> {
  /** API sort key -> SQL column of the query (e.g. `{ name: 'country.name' }`). Keys are entity properties. */
  sortable: Record<string, string>;
  /** Used when the client sends no `sort`. */
  defaultSort: string;
  /** A unique, non-null column that breaks ties so every row has exactly one position. */
  tieBreaker: { key: keyof T & string; column: string };
}

export interface KeysetPageRequest {
  limit: number;
  cursor?: string;
  sort?: string;
  withTotal?: boolean;
}

function cursorValueOf(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as CursorValue;
}

/**
 * Keyset ("seek") pagination over any query: cost stays flat however deep the page, unlike OFFSET.
 * Sort columns must be NOT NULL (a NULL never compares, so its rows could not be positioned).
 * When all terms share one direction the condition is a row comparison, `(a, id) > (:a, :id)`, which
 * PostgreSQL answers straight from a composite index.
 */
export async function keysetPaginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  request: KeysetPageRequest,
  options: KeysetListOptions<T>,
): Promise<Page<T>> {
  const terms = parseSort(request.sort ?? options.defaultSort, Object.keys(options.sortable));
  const sortKey = formatSort(terms);
  const orderTerms: Array<SortTerm & { column: string }> = [
    ...terms.map((t) => ({ ...t, column: options.sortable[t.key] })),
    { key: options.tieBreaker.key, column: options.tieBreaker.column, descending: terms[0].descending },
  ].filter((t, i, all) => all.findIndex((o) => o.key === t.key) === i);

  const total = request.withTotal ? await query.clone().getCount() : undefined;

  if (request.cursor) {
    const position = decodeCursor(request.cursor, { sort: sortKey, values: orderTerms.length });
    applySeek(query, orderTerms, position.values);
  }

  orderTerms.forEach((t, i) => {
    const direction = t.descending ? 'DESC' : 'ASC';
    if (i === 0) query.orderBy(t.column, direction);
    else query.addOrderBy(t.column, direction);
  });
  const rows = await query.limit(request.limit + 1).getMany();
  const data = rows.slice(0, request.limit);
  const last = data[data.length - 1];
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({ sort: sortKey, values: orderTerms.map((t) => cursorValueOf(last[t.key])) })
      : null;
  return { data, page: { limit: request.limit, nextCursor, ...(total === undefined ? {} : { total }) } };
}

function applySeek<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  terms: Array<SortTerm & { column: string }>,
  values: CursorValue[],
): void {
  const params = Object.fromEntries(values.map((v, i) => [`seek${i}`, v]));
  const sameDirection = terms.every((t) => t.descending === terms[0].descending);
  if (sameDirection) {
    const op = terms[0].descending ? '<' : '>';
    const columns = terms.map((t) => t.column).join(', ');
    const placeholders = terms.map((_, i) => `:seek${i}`).join(', ');
    query.andWhere(`(${columns}) ${op} (${placeholders})`, params);
    return;
  }
  // Mixed directions: (a > :a) OR (a = :a AND b < :b) OR (a = :a AND b = :b AND id > :id) ...
  const branches = terms.map((term, i) => {
    const equalities = terms.slice(0, i).map((t, j) => `${t.column} = :seek${j}`);
    return [...equalities, `${term.column} ${term.descending ? '<' : '>'} :seek${i}`].join(' AND ');
  });
  query.andWhere(`(${branches.map((b) => `(${b})`).join(' OR ')})`, params);
}
