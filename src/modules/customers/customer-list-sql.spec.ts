import { errorThrownBy } from '@libs/testing';
import { AppError, encodeCursor } from '@libs/core';
import { attributeFilterCandidates } from './attribute-filter';
import {
  customerCountStatement,
  customerListStatement,
  type CustomerListRequest,
  escapeLike,
  nextCursorOf,
} from './customer-list-sql';

const COMPANY = '01900000-0000-7000-8000-0000000000c0';
const base: CustomerListRequest = { companyId: COMPANY, scope: { all: true }, deleted: false, limit: 20 };
const flat = (sql: string) => sql.replace(/\s+/g, ' ');

describe('customerListStatement', () => {
  it('is one statement: company, live rows, name order with the id tie-breaker, limit + 1', () => {
    const { text, values, sortKey, prepare } = customerListStatement(base);
    expect(flat(text)).toContain(
      'WHERE c.company_id = $1 AND c.deleted_at IS NULL ORDER BY c.display_name ASC, c.id ASC LIMIT $2',
    );
    expect(values).toEqual([COMPANY, 21]);
    expect(sortKey).toBe('name');
    expect(prepare).toBe(true);
  });

  it('is prepared only when its plan does not depend on the values', () => {
    const cursor = encodeCursor({ sort: 'name', values: ['Ann', 'id-1'] });
    const plain: Array<Partial<CustomerListRequest>> = [
      { kind: ['person'], status: ['active'], blocked: true },
      { cursor },
    ];
    for (const request of plain) expect(customerListStatement({ ...base, ...request }).prepare).toBe(true);
    const sensitive: Array<Partial<CustomerListRequest>> = [
      { q: 'ann' },
      { attr: { a: 'b' } },
      { tagId: ['t'] },
      { ownerId: ['o'] },
      { organizationId: ['x'] },
    ];
    for (const request of sensitive)
      expect(customerListStatement({ ...base, ...request }).prepare).toBe(false);
  });

  it('selects the tag ids with the customer columns, never the children', () => {
    const { text } = customerListStatement(base);
    expect(text).toContain('AS "tagIds"');
    expect(text).not.toContain('customer_contact_points');
  });

  it('limits scope own to the owner, and lists deleted rows on request', () => {
    const own = customerListStatement({ ...base, scope: { all: false, userId: 'u1' }, deleted: true });
    expect(flat(own.text)).toContain('c.deleted_at IS NOT NULL AND c.owner_id = $2');
    expect(own.values).toEqual([COMPANY, 'u1', 21]);
  });

  it('binds every filter as a parameter (multi-values as arrays)', () => {
    const { text, values } = customerListStatement({
      ...base,
      kind: ['person'],
      tier: ['gold', 'silver'],
      blocked: false,
      tagId: ['t1'],
      attr: { segment: 'retail' },
    });
    expect(flat(text)).toContain('c.kind = ANY($2::text[]) AND c.tier = ANY($3::text[]) AND c.blocked = $4');
    expect(flat(text)).toContain('ct.tag_id = ANY($5::uuid[])');
    expect(flat(text)).toContain('(c.attributes @> $6::jsonb)');
    expect(values.slice(1, 6)).toEqual([
      ['person'],
      ['gold', 'silver'],
      false,
      ['t1'],
      '{"segment":"retail"}',
    ]);
  });

  it('with q: a trigram-indexable ILIKE filter and the rank first in the order and in the cursor', () => {
    const { text, values, sortKey, order } = customerListStatement({ ...base, q: ' Ann ' });
    expect(values.slice(1, 4)).toEqual(['ann', 'Ann%', '%Ann%']);
    expect(flat(text)).toContain('(c.display_name ILIKE $4 OR c.email::text ILIKE $4 OR c.phone ILIKE $4)');
    expect(order.map((t) => t.key)).toEqual(['rank', 'name', 'id']);
    expect(sortKey).toBe('rank,name');
    expect(flat(text)).toMatch(/ORDER BY \(CASE .* END\) ASC, c.display_name ASC, c.id ASC/);
  });

  it('seeks after the cursor with one row comparison when all directions agree', () => {
    const cursor = encodeCursor({ sort: '-createdAt', values: ['2026-01-02T03:04:05.000Z', 'id-9'] });
    const { text, values } = customerListStatement({ ...base, sort: '-createdAt', cursor });
    expect(flat(text)).toContain('(c.created_at, c.id) < ($2::timestamptz, $3::uuid)');
    expect(flat(text)).toContain('ORDER BY c.created_at DESC, c.id DESC');
    expect(values.slice(1, 3)).toEqual(['2026-01-02T03:04:05.000Z', 'id-9']);
  });

  it('expands mixed directions (rank ascending, newest first) into OR branches', () => {
    const cursor = encodeCursor({ sort: 'rank,-createdAt', values: [1, '2026-01-02T03:04:05.000Z', 'id-9'] });
    const { text } = customerListStatement({ ...base, q: 'ann', sort: '-createdAt', cursor });
    const seek = flat(text);
    expect(seek).toMatch(
      /\(\(\(CASE .* END\) > \$5::int\) OR \(\(CASE .* END\) = \$5::int AND c.created_at < \$6::timestamptz\)/,
    );
    expect(seek).toContain('c.created_at = $6::timestamptz AND c.id < $7::uuid');
  });

  it('refuses a cursor of another sort (400 cursor_mismatch), with or without q', () => {
    const byName = encodeCursor({ sort: 'name', values: ['Ann', 'id-1'] });
    for (const request of [{ sort: 'createdAt' }, { q: 'ann' }]) {
      const error = errorThrownBy(AppError, () =>
        customerListStatement({ ...base, ...request, cursor: byName }),
      );
      expect(error).toMatchObject({ status: 400, code: 'cursor_mismatch' });
    }
  });

  it('refuses an unknown sort key (400 naming sort)', () => {
    const error = errorThrownBy(AppError, () => customerListStatement({ ...base, sort: 'email' }));
    expect(error.errors?.[0]?.path).toBe('sort');
  });
});

describe('nextCursorOf', () => {
  it('is null when the extra row is absent, else the cursor of the last row served', () => {
    const statement = customerListStatement({ ...base, q: 'ann', limit: 2 });
    const rows = [
      { rank: 0, displayName: 'ann', id: 'a' },
      { rank: 1, displayName: 'Anne', id: 'b' },
    ];
    expect(nextCursorOf(rows, statement, 2)).toBeNull();
    const cursor = nextCursorOf([...rows, { rank: 2, displayName: 'Joanna', id: 'c' }], statement, 2);
    expect(cursor).toBe(encodeCursor({ sort: 'rank,name', values: [1, 'Anne', 'b'] }));
  });

  it('writes timestamps as ISO strings', () => {
    const statement = customerListStatement({ ...base, sort: 'updatedAt', limit: 1 });
    const at = new Date('2026-03-01T09:30:00.123Z');
    const cursor = nextCursorOf(
      [
        { updatedAt: at, id: 'x' },
        { updatedAt: at, id: 'y' },
      ],
      statement,
      1,
    );
    expect(cursor).toBe(encodeCursor({ sort: 'updatedAt', values: ['2026-03-01T09:30:00.123Z', 'x'] }));
  });
});

describe('customerCountStatement', () => {
  it('counts under the same filters, without order or limit', () => {
    const { text, values } = customerCountStatement({ ...base, status: ['active'] });
    expect(flat(text)).toBe(
      'SELECT count(*)::int AS "total" FROM customers.customers c WHERE c.company_id = $1 AND c.deleted_at IS NULL AND c.status = ANY($2::text[])',
    );
    expect(values).toEqual([COMPANY, ['active']]);
  });
});

describe('escapeLike', () => {
  it('makes %, _ and \\ match themselves', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});

describe('attributeFilterCandidates', () => {
  it('matches the string, and the JSON scalar it spells', () => {
    expect(attributeFilterCandidates('vip', 'true')).toEqual([{ vip: 'true' }, { vip: true }]);
    expect(attributeFilterCandidates('seats', '40')).toEqual([{ seats: '40' }, { seats: 40 }]);
    expect(attributeFilterCandidates('x', 'null')).toEqual([{ x: 'null' }, { x: null }]);
    expect(attributeFilterCandidates('segment', 'retail')).toEqual([{ segment: 'retail' }]);
    expect(attributeFilterCandidates('o', '{"a":1}')).toEqual([{ o: '{"a":1}' }]);
  });
});
