import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;
const CACHE_FOR_A_DAY = 'public, max-age=86400';

interface ListBody<T> {
  data: T[];
  page: { limit: number; nextCursor: string | null; total?: number };
}

interface Country {
  code: string;
  alpha3: string;
  numeric: string;
  name: string;
  callingCode: string | null;
}

describe('reference data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Follows `nextCursor` from the first page to the last, as a client would. */
  async function walk<T>(path: string, query: Record<string, string | number>) {
    const rows: T[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get(path)
        .query(cursor ? { ...query, cursor } : query)
        .expect(200);
      const body = res.body as ListBody<T>;
      rows.push(...body.data);
      pageSizes.push(body.data.length);
      cursor = body.page.nextCursor;
    } while (cursor);
    return { rows, pageSizes };
  }

  /** The country codes as the database orders them, to compare the API's pages with. */
  async function countryCodesOrderedBy(orderBy: string): Promise<string[]> {
    const rows = await t.dataSource.query<Array<{ code: string }>>(
      `SELECT code FROM ref.countries ORDER BY ${orderBy}`,
    );
    return rows.map((r) => r.code);
  }

  describe('GET /reference/countries', () => {
    it('serves every ISO 3166-1 country exactly once, in name order, across pages of 50', async () => {
      const { rows, pageSizes } = await walk<Country>('/api/v1/reference/countries', { limit: 50 });
      const codes = rows.map((c) => c.code);
      expect(pageSizes).toEqual([50, 50, 50, 50, 49]);
      expect(new Set(codes).size).toBe(249);
      expect(codes).toEqual(await countryCodesOrderedBy('name, code'));
    });

    it('walks a descending sort just as completely', async () => {
      const { rows } = await walk<Country>('/api/v1/reference/countries', { limit: 50, sort: '-name' });
      expect(rows.map((c) => c.code)).toEqual(await countryCodesOrderedBy('name DESC, code DESC'));
    });

    it('sorts by code on request', async () => {
      const res = await t.http.get('/api/v1/reference/countries?sort=code&limit=3').expect(200);
      expect(res.body.data.map((c: Country) => c.code)).toEqual(['AD', 'AE', 'AF']);
    });

    it('pages with 20 rows by default and tells the cache it may keep the answer for a day', async () => {
      const res = await t.http.get('/api/v1/reference/countries').expect(200);
      expect(res.headers['cache-control']).toBe(CACHE_FOR_A_DAY);
      expect(res.body.data).toHaveLength(20);
      expect(res.body.page).toEqual({ limit: 20, nextCursor: expect.any(String) });
      expect(Object.keys(res.body.data[0]).sort()).toEqual([
        'alpha3',
        'callingCode',
        'code',
        'name',
        'numeric',
      ]);
    });

    it('finds countries by part of their name or code, ignoring case', async () => {
      const byName = await t.http.get('/api/v1/reference/countries?q=austr').expect(200);
      expect(byName.body.data.map((c: Country) => c.name)).toEqual(['Australia', 'Austria']);

      const upperCase = await t.http.get('/api/v1/reference/countries?q=AUSTR').expect(200);
      expect(upperCase.body.data).toEqual(byName.body.data);

      const byCode = await t.http.get('/api/v1/reference/countries?q=jp').expect(200);
      expect(byCode.body.data.map((c: Country) => c.name)).toEqual(['Japan']);
    });

    it('takes LIKE wildcards in q literally', async () => {
      for (const q of ['%', '_', '\\']) {
        const res = await t.http.get('/api/v1/reference/countries').query({ q }).expect(200);
        expect(res.body.data).toEqual([]);
      }
    });

    it('adds the total on request, for the whole list and for a search', async () => {
      const all = await t.http.get('/api/v1/reference/countries?withTotal=true&limit=1').expect(200);
      expect(all.body.page.total).toBe(249);
      const found = await t.http.get('/api/v1/reference/countries?withTotal=true&q=austr').expect(200);
      expect(found.body.page).toEqual({ limit: 20, nextCursor: null, total: 2 });
    });

    it.each(['0', '101'])('rejects limit=%s with 400 naming limit', async (limit) => {
      const res = await t.http.get('/api/v1/reference/countries').query({ limit }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors[0].path).toBe('limit');
    });

    it('rejects an unknown query parameter, naming it', async () => {
      const res = await t.http.get('/api/v1/reference/countries?continent=OC').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual([
        { path: 'continent', code: 'unknown_field', message: expect.any(String) },
      ]);
    });

    it('rejects a sort key outside the whitelist, naming sort', async () => {
      const res = await t.http.get('/api/v1/reference/countries?sort=population').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors[0].path).toBe('sort');
    });

    it('rejects a tampered cursor, and a cursor issued for another sort', async () => {
      const first = await t.http.get('/api/v1/reference/countries?limit=5').expect(200);
      const cursor = first.body.page.nextCursor as string;
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      const tampered = Buffer.from(decoded.replace(']]', ',"extra"]]')).toString('base64url');

      const forged = await t.http.get('/api/v1/reference/countries').query({ cursor: tampered }).expect(400);
      expect(forged.headers['content-type']).toMatch(PROBLEM);
      expect(forged.body).toMatchObject({ code: 'cursor_invalid', errors: [{ path: 'cursor' }] });

      const garbage = await t.http.get('/api/v1/reference/countries?cursor=not-a-cursor').expect(400);
      expect(garbage.body.code).toBe('cursor_invalid');

      const otherSort = await t.http
        .get('/api/v1/reference/countries')
        .query({ cursor, sort: '-name' })
        .expect(400);
      expect(otherSort.body.code).toBe('cursor_mismatch');
    });
  });

  describe('GET /reference/countries/:code', () => {
    it('answers a code in any case with the country', async () => {
      const res = await t.http.get('/api/v1/reference/countries/au').expect(200);
      expect(res.headers['cache-control']).toBe(CACHE_FOR_A_DAY);
      expect(res.body).toEqual({
        code: 'AU',
        alpha3: 'AUS',
        numeric: '036',
        name: 'Australia',
        callingCode: '+61',
      });
    });

    it('answers an unknown code with 404 problem+json', async () => {
      const res = await t.http.get('/api/v1/reference/countries/ZZ').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
      // Not cached: the country may be added by a later release.
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('GET /reference/currencies', () => {
    it('lists every ISO 4217 currency with its minor units and symbol', async () => {
      const { rows } = await walk<{ code: string; minorUnits: number | null; symbol: string }>(
        '/api/v1/reference/currencies',
        { limit: 100 },
      );
      const byCode = new Map(rows.map((c) => [c.code, c]));
      expect(byCode.size).toBe(rows.length);
      expect(byCode.get('JPY')).toMatchObject({ minorUnits: 0, symbol: '¥' });
      expect(byCode.get('EUR')).toEqual({
        code: 'EUR',
        numeric: '978',
        name: 'Euro',
        minorUnits: 2,
        symbol: '€',
      });
      expect(byCode.get('BHD')).toMatchObject({ minorUnits: 3 });
      // ISO 4217 gives gold no minor unit at all, which is not the same as 0 decimal places.
      expect(byCode.get('XAU')).toMatchObject({ minorUnits: null });
    });

    it('is sorted by code unless asked otherwise, and searchable by name', async () => {
      const res = await t.http.get('/api/v1/reference/currencies?limit=2').expect(200);
      expect(res.headers['cache-control']).toBe(CACHE_FOR_A_DAY);
      expect(res.body.data.map((c: { code: string }) => c.code)).toEqual(['AED', 'AFN']);

      const yen = await t.http.get('/api/v1/reference/currencies?q=yen').expect(200);
      expect(yen.body.data.map((c: { code: string }) => c.code)).toEqual(['JPY']);
    });
  });

  describe('GET /reference/languages', () => {
    it('finds a language by its native name', async () => {
      const res = await t.http.get('/api/v1/reference/languages?q=deutsch').expect(200);
      expect(res.headers['cache-control']).toBe(CACHE_FOR_A_DAY);
      expect(res.body.data).toEqual([{ code: 'de', name: 'German', nativeName: 'Deutsch' }]);
    });
  });

  describe('GET /reference/timezones', () => {
    it('lists IANA zones with their region, UTC included', async () => {
      const sydney = await t.http.get('/api/v1/reference/timezones?q=sydney').expect(200);
      expect(sydney.headers['cache-control']).toBe(CACHE_FOR_A_DAY);
      expect(sydney.body.data).toEqual([{ name: 'Australia/Sydney', region: 'Australia' }]);

      const utc = await t.http.get('/api/v1/reference/timezones?q=utc').expect(200);
      expect(utc.body.data).toContainEqual({ name: 'UTC', region: null });
    });
  });

  describe('OpenAPI', () => {
    it('documents each route under the reference tag with its own operation id', async () => {
      const { body: doc } = await t.http.get('/docs-json').expect(200);
      const operation = (path: string) => doc.paths[`/api/v1/reference/${path}`].get;
      expect(
        ['countries', 'countries/{code}', 'currencies', 'languages', 'timezones'].map((p) => [
          operation(p).operationId,
          operation(p).tags,
        ]),
      ).toEqual([
        ['listCountries', ['reference']],
        ['getCountry', ['reference']],
        ['listCurrencies', ['reference']],
        ['listLanguages', ['reference']],
        ['listTimezones', ['reference']],
      ]);
      expect(operation('countries/{code}').responses).toHaveProperty('404');
    });
  });
});
