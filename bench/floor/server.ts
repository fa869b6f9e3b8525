import Fastify from 'fastify';
import { Pool } from 'pg';
import {
  CUSTOMER_DETAIL_SELECT,
  CUSTOMER_LIST_SELECT,
  customerDetailFrom,
  customerFrom,
} from '../../src/modules/customers/customer-rows';

/**
 * The floor: the same reads as the app, with the same JSON shape, from a bare Fastify + pg server (no
 * Nest, no ORM, no validation, no auth). The app's throughput is reported as a share of this one's.
 * Customer reads use the app's own select lists and row mappers (plain functions, no framework), so
 * both servers send the same SQL and the same JSON; the company comes from `x-company-id` (the floor
 * has no tokens).
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 20),
});
const app = Fastify({ logger: false });

const encodeCursor = (sort: string, values: unknown[]) =>
  Buffer.from(JSON.stringify([sort, values])).toString('base64url');

interface CountryRow {
  code: string;
  alpha3: string;
  numeric: string;
  name: string;
  calling_code: string | null;
}
const country = (r: CountryRow) => ({
  code: r.code,
  alpha3: r.alpha3,
  numeric: r.numeric,
  name: r.name,
  callingCode: r.calling_code,
});

app.get('/health', () => ({ status: 'ok' }));

app.get<{ Querystring: { limit?: string } }>('/api/v1/reference/countries', async (request) => {
  const limit = Number(request.query.limit ?? 20);
  const { rows } = await pool.query<CountryRow>({
    name: 'countries-first-page',
    text: 'SELECT code, alpha3, numeric, name, calling_code FROM ref.countries ORDER BY name, code LIMIT $1',
    values: [limit + 1],
  });
  const data = rows.slice(0, limit).map(country);
  const last = data[data.length - 1];
  return {
    data,
    page: { limit, nextCursor: rows.length > limit ? encodeCursor('name', [last.name, last.code]) : null },
  };
});

app.get<{ Params: { code: string } }>('/api/v1/reference/countries/:code', async (request, reply) => {
  const { rows } = await pool.query<CountryRow>({
    name: 'country-by-code',
    text: 'SELECT code, alpha3, numeric, name, calling_code FROM ref.countries WHERE code = $1',
    values: [request.params.code.toUpperCase()],
  });
  if (!rows[0]) return reply.status(404).send({ status: 404 });
  return country(rows[0]);
});

const decodeCursor = (cursor: string) =>
  (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, [string, string]])[1];

/** The default order of the app's customer list: name, then id (keyset). */
app.get<{ Querystring: { limit?: string; cursor?: string } }>('/api/v1/customers', async (request) => {
  const limit = Number(request.query.limit ?? 20);
  const companyId = request.headers['x-company-id'] as string;
  const after = request.query.cursor ? decodeCursor(request.query.cursor) : null;
  const { rows } = await pool.query<Record<string, unknown>>(
    after
      ? {
          name: 'customers-page-after',
          text: `SELECT ${CUSTOMER_LIST_SELECT} FROM customers.customers c
                  WHERE c.company_id = $1 AND c.deleted_at IS NULL
                    AND (c.display_name, c.id) > ($2::text, $3::uuid)
                  ORDER BY c.display_name ASC, c.id ASC LIMIT $4`,
          values: [companyId, after[0], after[1], limit + 1],
        }
      : {
          name: 'customers-first-page',
          text: `SELECT ${CUSTOMER_LIST_SELECT} FROM customers.customers c
                  WHERE c.company_id = $1 AND c.deleted_at IS NULL
                  ORDER BY c.display_name ASC, c.id ASC LIMIT $2`,
          values: [companyId, limit + 1],
        },
  );
  const data = rows.slice(0, limit).map(customerFrom);
  const last = data[data.length - 1];
  return {
    data,
    page: {
      limit,
      nextCursor: rows.length > limit ? encodeCursor('name', [last.displayName, last.id]) : null,
    },
  };
});

app.get<{ Params: { id: string } }>('/api/v1/customers/:id', async (request, reply) => {
  const { rows } = await pool.query<Record<string, unknown>>({
    name: 'customer-by-id',
    text: `SELECT ${CUSTOMER_DETAIL_SELECT} FROM customers.customers c
            WHERE c.company_id = $1 AND c.id = $2 AND c.deleted_at IS NULL`,
    values: [request.headers['x-company-id'], request.params.id],
  });
  if (!rows[0]) return reply.status(404).send({ status: 404 });
  void reply.header('etag', `W/"${String(rows[0].version)}"`);
  return customerDetailFrom(rows[0]);
});

app
  .listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  .then(() => {
    const stop = () =>
      void app
        .close()
        .then(() => pool.end())
        .then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
