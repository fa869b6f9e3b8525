import { Client } from 'pg';

const GIVEN_NAMES = [
  'Olivia',
  'Noah',
  'Amelia',
  'Oliver',
  'Isla',
  'Jack',
  'Mia',
  'William',
  'Ava',
  'Henry',
  'Grace',
  'Leo',
  'Chloe',
  'Thomas',
  'Zoe',
  'Lucas',
  'Ruby',
  'James',
  'Sophie',
  'Charlie',
  'Ella',
  'Hugo',
  'Ivy',
  'Max',
  'Lily',
  'Ethan',
  'Matilda',
  'Archie',
  'Evie',
  'Mason',
  'Harper',
  'Finn',
  'Willow',
  'Arlo',
  'Sienna',
];
const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Nguyen',
  'Johnson',
  'Martin',
  'White',
  'Anderson',
  'Walker',
  'Thompson',
  'Thomas',
  'Lee',
  'Ryan',
  'Robinson',
  'Kelly',
  'King',
  'Davis',
  'Wright',
  'Evans',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Silva',
  'Moreau',
  'Kowalski',
  'Rossi',
  'Müller',
  'Tanaka',
  'Okafor',
  'Haddad',
  'Larsen',
  'Novak',
  'Fischer',
  'Dubois',
];

/**
 * Bulk-loads `count` customers into one company with INSERT … SELECT (seconds, not minutes): persons
 * with varied names, e-mails and phones (and their primary contact points), spread over `count`
 * minutes of creation time. Triggers
 * (audit) are switched off for the load only: it stands for data that already exists, not for changes.
 */
export async function seedCustomers(databaseUrl: string, companyId: string, count: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(
      `INSERT INTO customers.customers
              (id, company_id, kind, display_name, given_name, family_name, email, phone, tier, status,
               blocked, attributes, created_at, updated_at, version)
       SELECT gen_random_uuid(), $1, 'person',
              g.name || ' ' || f.name || ' ' || i,
              g.name, f.name,
              lower(g.name || '.' || f.name || '.' || i || '@example.test'),
              '+614' || lpad((10000000 + i)::text, 8, '0'),
              (ARRAY['standard', 'silver', 'gold', 'platinum'])[1 + i % 4],
              CASE WHEN i % 10 = 0 THEN 'inactive' ELSE 'active' END,
              false,
              jsonb_build_object('segment', 's' || (i % 7)),
              now() - make_interval(mins => $2 - i),
              now() - make_interval(mins => $2 - i),
              1
         FROM generate_series(1, $2) AS i
         JOIN LATERAL (SELECT ($3::text[])[1 + (i * 7) % cardinality($3::text[])] AS name) g ON true
         JOIN LATERAL (SELECT ($4::text[])[1 + (i * 13) % cardinality($4::text[])] AS name) f ON true`,
      [companyId, count, GIVEN_NAMES, FAMILY_NAMES],
    );
    // The customer's email and phone mirror its primary contact points (SPEC §5): seed those too.
    await db.query(
      `INSERT INTO customers.customer_contact_points
              (id, company_id, customer_id, type, value, is_primary, created_at, updated_at, version)
       SELECT gen_random_uuid(), c.company_id, c.id, p.type, p.value, true, c.created_at, c.updated_at, 1
         FROM customers.customers c
         CROSS JOIN LATERAL (VALUES ('email', c.email::text), ('phone', c.phone)) AS p(type, value)
        WHERE c.company_id = $1`,
      [companyId],
    );
    await db.query('COMMIT');
    // Merges the trigram indexes' pending lists, as autovacuum would have long since on a real table.
    await db.query('VACUUM ANALYZE customers.customers');
    await db.query('VACUUM ANALYZE customers.customer_contact_points');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    await db.end();
  }
}

interface ListPage {
  data: Array<{ id: string }>;
  page: { nextCursor: string | null };
}

/**
 * The cursor after the first `depth` customers of the default order, found by walking the list through
 * the API 100 rows at a time (so the cursor is one the app itself issued).
 */
export async function cursorAtDepth(baseUrl: string, accessToken: string, depth: number): Promise<string> {
  let cursor: string | null = null;
  for (let seen = 0; seen < depth; seen += 100) {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const res = await fetch(`${baseUrl}/api/v1/customers?limit=100${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (res.status !== 200) throw new Error(`GET /customers: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as ListPage;
    if (!page.page.nextCursor) throw new Error(`The list ended before ${depth} rows`);
    cursor = page.page.nextCursor;
  }
  return cursor as string;
}

/** Any one customer of the company, from the middle of the table. */
export async function customerIdOf(databaseUrl: string, companyId: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM customers.customers WHERE company_id = $1 ORDER BY display_name OFFSET 100000 LIMIT 1`,
      [companyId],
    );
    return rows[0].id;
  } finally {
    await db.end();
  }
}
