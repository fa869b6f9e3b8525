import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The floor: the same reads as the app, with the same JSON shape, from a bare Fastify + pg server (no
 * Nest, no ORM, no validation, no auth). The app's throughput is reported as a share of this one's.
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
