import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { type KeysetListOptions, type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { prepared, PreparedQueries } from '@libs/persistence';
import { COUNTRY_SORT } from './dto/list-countries.query.dto';
import { CURRENCY_SORT } from './dto/list-currencies.query.dto';
import { LANGUAGE_SORT } from './dto/list-languages.query.dto';
import { TIMEZONE_SORT } from './dto/list-timezones.query.dto';
import { Country } from './entities/country.entity';
import { Currency } from './entities/currency.entity';
import { Language } from './entities/language.entity';
import { Timezone } from './entities/timezone.entity';

/** A page of a reference list, optionally narrowed to the rows matching `q`. */
export type ReferenceListRequest = KeysetPageRequest & { q?: string };

/** How one reference table is read: the columns it returns, the ones `q` searches, its sort orders. */
interface ReferenceTable<T> {
  alias: string;
  columns: Array<keyof T & string>;
  /**
   * The expressions of the table's trigram index, written exactly as the migration indexes them
   * (codes cast to text) so PostgreSQL can use the index.
   */
  searched: string[];
  order: KeysetListOptions<T>;
}

/** Makes the compiler check that a table maps exactly the sort keys its query DTO documents. */
type SortColumns<Sort extends { keys: readonly string[] }> = Record<Sort['keys'][number], string>;

const COUNTRIES: ReferenceTable<Country> = {
  alias: 'country',
  columns: ['code', 'alpha3', 'numeric', 'name', 'callingCode'],
  searched: ['CAST(country.code AS text)', 'country.name'],
  order: {
    sortable: { name: 'country.name', code: 'country.code' } satisfies SortColumns<typeof COUNTRY_SORT>,
    defaultSort: COUNTRY_SORT.default,
    tieBreaker: { key: 'code', column: 'country.code' },
  },
};

const CURRENCIES: ReferenceTable<Currency> = {
  alias: 'currency',
  columns: ['code', 'numeric', 'name', 'minorUnits', 'symbol'],
  searched: ['CAST(currency.code AS text)', 'currency.name'],
  order: {
    sortable: { code: 'currency.code', name: 'currency.name' } satisfies SortColumns<typeof CURRENCY_SORT>,
    defaultSort: CURRENCY_SORT.default,
    tieBreaker: { key: 'code', column: 'currency.code' },
  },
};

const LANGUAGES: ReferenceTable<Language> = {
  alias: 'language',
  columns: ['code', 'name', 'nativeName'],
  searched: ['CAST(language.code AS text)', 'language.name', 'language.nativeName'],
  order: {
    sortable: { name: 'language.name', code: 'language.code' } satisfies SortColumns<typeof LANGUAGE_SORT>,
    defaultSort: LANGUAGE_SORT.default,
    tieBreaker: { key: 'code', column: 'language.code' },
  },
};

const TIMEZONES: ReferenceTable<Timezone> = {
  alias: 'timezone',
  columns: ['name', 'region'],
  searched: ['timezone.name'],
  order: {
    sortable: { name: 'timezone.name' } satisfies SortColumns<typeof TIMEZONE_SORT>,
    defaultSort: TIMEZONE_SORT.default,
    tieBreaker: { key: 'name', column: 'timezone.name' },
  },
};

const COUNTRY_BY_CODE = prepared(
  'reference.country-by-code',
  `SELECT code, alpha3, numeric, name, calling_code AS "callingCode" FROM ref.countries WHERE code = $1`,
);

/** The only place that queries the `ref` tables. */
@Injectable()
export class ReferenceRepository {
  constructor(
    @InjectRepository(Country) private readonly countries: Repository<Country>,
    @InjectRepository(Currency) private readonly currencies: Repository<Currency>,
    @InjectRepository(Language) private readonly languages: Repository<Language>,
    @InjectRepository(Timezone) private readonly timezones: Repository<Timezone>,
    @Inject(PreparedQueries) private readonly sql: PreparedQueries,
  ) {}

  listCountries(request: ReferenceListRequest): Promise<Page<Country>> {
    return listPage(this.countries, COUNTRIES, request);
  }

  /** `code` is an alpha-2 code in upper case, as stored. */
  findCountryByCode(code: string): Promise<Country | null> {
    return this.sql.first<Country>(COUNTRY_BY_CODE, [code]);
  }

  listCurrencies(request: ReferenceListRequest): Promise<Page<Currency>> {
    return listPage(this.currencies, CURRENCIES, request);
  }

  listLanguages(request: ReferenceListRequest): Promise<Page<Language>> {
    return listPage(this.languages, LANGUAGES, request);
  }

  listTimezones(request: ReferenceListRequest): Promise<Page<Timezone>> {
    return listPage(this.timezones, TIMEZONES, request);
  }
}

function select<T extends ObjectLiteral>(
  repository: Repository<T>,
  table: ReferenceTable<T>,
): SelectQueryBuilder<T> {
  return repository
    .createQueryBuilder(table.alias)
    .select(table.columns.map((column) => `${table.alias}.${column}`));
}

/**
 * One keyset page of the table. `q` keeps the rows where it occurs, ignoring case, in any searched
 * column; the wildcards of LIKE (`%`, `_`) and its escape character in `q` match themselves.
 */
function listPage<T extends ObjectLiteral>(
  repository: Repository<T>,
  table: ReferenceTable<T>,
  request: ReferenceListRequest,
): Promise<Page<T>> {
  const query = select(repository, table);
  if (request.q !== undefined) {
    const matches = table.searched.map((expression) => `${expression} ILIKE :pattern`).join(' OR ');
    query.andWhere(`(${matches})`, { pattern: `%${request.q.replace(/[\\%_]/g, '\\$&')}%` });
  }
  return keysetPaginate(query, request, table.order);
}
