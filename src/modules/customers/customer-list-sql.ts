import {
  type CursorValue,
  decodeCursor,
  encodeCursor,
  formatSort,
  parseSort,
  type SortTerm,
} from '@libs/core';
import { attributeFilterCandidates } from './attribute-filter';
import { CUSTOMER_LIST_SELECT } from './customer-rows';
import { CUSTOMER_SORT } from './dto/list-customers.query.dto';
import type { CustomerKind, CustomerStatus, CustomerTier } from './entities/customer.entity';

/** Which customers a principal may see: every one of the company, or only those it owns. */
export type OwnerScope = { all: true } | { all: false; userId: string | null };

export interface CustomerListFilter {
  companyId: string;
  scope: OwnerScope;
  /** The soft-deleted customers instead of the live ones. */
  deleted: boolean;
  kind?: CustomerKind[];
  tier?: CustomerTier[];
  status?: CustomerStatus[];
  blocked?: boolean;
  tagId?: string[];
  ownerId?: string[];
  organizationId?: string[];
  attr?: Record<string, string>;
  q?: string;
}

export interface CustomerListRequest extends CustomerListFilter {
  limit: number;
  cursor?: string;
  sort?: string;
}

/** One ORDER BY term: `key` names the row field the cursor reads, `sql` the expression. */
export interface OrderTerm {
  key: string;
  sql: string;
  descending: boolean;
}

export interface ListStatement {
  text: string;
  values: unknown[];
  /** The cursor's sort (it is refused under any other). */
  sortKey: string;
  order: OrderTerm[];
  /**
   * Whether a named prepared statement suits it: true for the plain shapes, whose generic plan is as
   * good as a custom one. A text pattern, an attribute, a tag or a person to match can be rare or
   * common, and the best plan follows (ordered index scan vs trigram/GIN/FK index then sort): those
   * statements are planned with their values each time.
   */
  prepare: boolean;
}

const SORTABLE: Record<string, { sql: string; cast: string }> = {
  name: { sql: 'c.display_name', cast: 'text' },
  createdAt: { sql: 'c.created_at', cast: 'timestamptz' },
  updatedAt: { sql: 'c.updated_at', cast: 'timestamptz' },
};
const CASTS: Record<string, string> = { rank: 'int', id: 'uuid' };

/** `%`, `_` and `\` match themselves in the LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Collects parameters and answers their placeholders: `p(value)` -> `$3`. */
function parameters() {
  const values: unknown[] = [];
  return { values, p: (value: unknown) => `$${values.push(value)}` };
}

/**
 * The WHERE clause of a customer list (shared by the page and its optional count), and with `q` the
 * rank expression: 0 exact, 1 prefix, 2 substring match of display_name, email or phone. The
 * substring condition is the ILIKE the trigram GIN indexes serve; the rank only orders what it found.
 */
function whereOf(
  filter: CustomerListFilter,
  p: (value: unknown) => string,
): { where: string[]; rank?: string } {
  const where = [
    `c.company_id = ${p(filter.companyId)}`,
    `c.deleted_at IS ${filter.deleted ? 'NOT ' : ''}NULL`,
  ];
  if (!filter.scope.all) where.push(`c.owner_id = ${p(filter.scope.userId)}`);
  if (filter.kind) where.push(`c.kind = ANY(${p(filter.kind)}::text[])`);
  if (filter.tier) where.push(`c.tier = ANY(${p(filter.tier)}::text[])`);
  if (filter.status) where.push(`c.status = ANY(${p(filter.status)}::text[])`);
  if (filter.blocked !== undefined) where.push(`c.blocked = ${p(filter.blocked)}`);
  if (filter.ownerId) where.push(`c.owner_id = ANY(${p(filter.ownerId)}::uuid[])`);
  if (filter.organizationId) where.push(`c.organization_id = ANY(${p(filter.organizationId)}::uuid[])`);
  if (filter.tagId) {
    where.push(`EXISTS (SELECT 1 FROM customers.customer_tags ct
      WHERE ct.customer_id = c.id AND ct.tag_id = ANY(${p(filter.tagId)}::uuid[]))`);
  }
  for (const [key, value] of Object.entries(filter.attr ?? {})) {
    const matches = attributeFilterCandidates(key, value).map(
      (c) => `c.attributes @> ${p(JSON.stringify(c))}::jsonb`,
    );
    where.push(`(${matches.join(' OR ')})`);
  }
  const q = filter.q?.trim();
  if (!q) return { where };
  const exact = p(q.toLowerCase());
  const prefix = p(`${escapeLike(q)}%`);
  const contains = p(`%${escapeLike(q)}%`);
  where.push(
    `(c.display_name ILIKE ${contains} OR c.email::text ILIKE ${contains} OR c.phone ILIKE ${contains})`,
  );
  const rank = `(CASE
      WHEN lower(c.display_name) = ${exact} OR c.email::text = ${exact} OR lower(c.phone) = ${exact} THEN 0
      WHEN c.display_name ILIKE ${prefix} OR c.email::text ILIKE ${prefix} OR c.phone ILIKE ${prefix} THEN 1
      ELSE 2 END)`;
  return { where, rank };
}

/**
 * Keyset condition after the cursor's row. Same direction everywhere: one row comparison
 * `(a, b, id) > ($1, $2, $3)`, which PostgreSQL answers from the composite index; mixed directions
 * expand to `a > $1 OR (a = $1 AND b < $2) OR ...`.
 */
function seekOf(order: OrderTerm[], values: CursorValue[], p: (value: unknown) => string): string {
  const placeholders = values.map(
    (value, i) => `${p(value)}::${CASTS[order[i].key] ?? SORTABLE[order[i].key].cast}`,
  );
  if (order.every((t) => t.descending === order[0].descending)) {
    const columns = order.map((t) => t.sql).join(', ');
    return `(${columns}) ${order[0].descending ? '<' : '>'} (${placeholders.join(', ')})`;
  }
  const branches = order.map((term, i) =>
    [
      ...order.slice(0, i).map((t, j) => `${t.sql} = ${placeholders[j]}`),
      `${term.sql} ${term.descending ? '<' : '>'} ${placeholders[i]}`,
    ].join(' AND '),
  );
  return `(${branches.map((b) => `(${b})`).join(' OR ')})`;
}

/**
 * ONE statement for a page of customers: the filters, the keyset seek after the cursor, the order
 * (with `q`: rank first, so the cursor carries the rank too), `limit + 1` rows to know whether a next
 * page exists. List items are the customer's own columns plus its tag ids.
 */
export function customerListStatement(request: CustomerListRequest): ListStatement {
  const { values, p } = parameters();
  const { where, rank } = whereOf(request, p);
  const terms: SortTerm[] = parseSort(request.sort ?? CUSTOMER_SORT.default, CUSTOMER_SORT.keys);
  const order: OrderTerm[] = [
    ...(rank ? [{ key: 'rank', sql: rank, descending: false }] : []),
    ...terms.map((t) => ({ key: t.key, sql: SORTABLE[t.key].sql, descending: t.descending })),
    { key: 'id', sql: 'c.id', descending: terms[0].descending },
  ];
  const sortKey = `${rank ? 'rank,' : ''}${formatSort(terms)}`;
  if (request.cursor) {
    const position = decodeCursor(request.cursor, { sort: sortKey, values: order.length });
    where.push(seekOf(order, position.values, p));
  }
  const text = `SELECT ${CUSTOMER_LIST_SELECT}${rank ? `, ${rank} AS "rank"` : ''}
    FROM customers.customers c
    WHERE ${where.join('\n      AND ')}
    ORDER BY ${order.map((t) => `${t.sql} ${t.descending ? 'DESC' : 'ASC'}`).join(', ')}
    LIMIT ${p(request.limit + 1)}`;
  const valueSensitive = [request.q, request.attr, request.tagId, request.ownerId, request.organizationId];
  return { text, values, sortKey, order, prepare: valueSensitive.every((v) => v === undefined) };
}

/** `SELECT count(*)` under the same filters (only for `withTotal=true`: it scans every match). */
export function customerCountStatement(filter: CustomerListFilter): { text: string; values: unknown[] } {
  const { values, p } = parameters();
  const { where } = whereOf(filter, p);
  return {
    text: `SELECT count(*)::int AS "total" FROM customers.customers c WHERE ${where.join(' AND ')}`,
    values,
  };
}

const SORT_FIELD: Record<string, string> = {
  name: 'displayName',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

/** The cursor of the page's last row when more rows follow (the statement fetched `limit + 1`). */
export function nextCursorOf(
  rows: Array<Record<string, unknown>>,
  statement: ListStatement,
  limit: number,
): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1];
  const values = statement.order.map((term) => {
    const value = last[SORT_FIELD[term.key] ?? term.key];
    return value instanceof Date ? value.toISOString() : (value as CursorValue);
  });
  return encodeCursor({ sort: statement.sortKey, values });
}
