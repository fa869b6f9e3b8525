import { countries as countryDetails, type ICountry } from 'countries-list';
import { data as iso4217 } from 'currency-codes';
import * as isoCountries from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';
import { readFileSync } from 'node:fs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `ref` and its read-only reference data (SPEC §11.5), loaded from maintained data packages and
 * from `Intl`, never typed by hand.
 *
 * Reproducibility: the rows come from the package versions pinned by package-lock.json, and from the
 * ICU data of the Node.js that runs the migration (currency symbols, time zones: another Node major may
 * yield a slightly different list). A migrated database keeps the rows it got; when a package update
 * brings changes (a new currency, a renamed country), a NEW migration applies them. Never edit this one.
 */
export class ReferenceData1795322597414 implements MigrationInterface {
  name = 'ReferenceData1795322597414';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // TypeORM does not generate schemas: one schema per module (ARCHITECTURE §4).
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "ref"`);
    await queryRunner.query(`
            CREATE TABLE "ref"."countries" (
                "code" character(2) NOT NULL,
                "alpha3" character(3) NOT NULL,
                "numeric" character(3) NOT NULL,
                "name" text NOT NULL,
                "calling_code" text,
                CONSTRAINT "uq_countries_alpha3" UNIQUE ("alpha3"),
                CONSTRAINT "uq_countries_numeric" UNIQUE ("numeric"),
                CONSTRAINT "pk_countries" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ref"."currencies" (
                "code" character(3) NOT NULL,
                "numeric" character(3) NOT NULL,
                "name" text NOT NULL,
                "minor_units" integer,
                "symbol" text NOT NULL,
                CONSTRAINT "uq_currencies_numeric" UNIQUE ("numeric"),
                CONSTRAINT "pk_currencies" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ref"."languages" (
                "code" character(2) NOT NULL,
                "name" text NOT NULL,
                "native_name" text NOT NULL,
                CONSTRAINT "pk_languages" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ref"."timezones" (
                "name" text NOT NULL,
                "region" text,
                CONSTRAINT "pk_timezones" PRIMARY KEY ("name")
            )
        `);

    // Trigram indexes for the case-insensitive substring search `q` (ILIKE '%…%'). gin_trgm_ops takes
    // text, not character(n), so codes are indexed as `code::text`, and the repository's search casts
    // them the same way for PostgreSQL to match it to the index. No b-tree for sorting by name: a
    // few hundred rows sort in memory faster than an index is read.
    await queryRunner.query(`
            CREATE INDEX "ix_countries_code_name_trgm" ON "ref"."countries"
            USING gin (("code"::text) gin_trgm_ops, "name" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_currencies_code_name_trgm" ON "ref"."currencies"
            USING gin (("code"::text) gin_trgm_ops, "name" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_languages_code_name_native_name_trgm" ON "ref"."languages"
            USING gin (("code"::text) gin_trgm_ops, "name" gin_trgm_ops, "native_name" gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_timezones_name_trgm" ON "ref"."timezones" USING gin ("name" gin_trgm_ops)
        `);

    await insertRows(
      queryRunner,
      '"ref"."countries"',
      ['code', 'alpha3', 'numeric', 'name', 'calling_code'],
      countryRows(),
    );
    await insertRows(
      queryRunner,
      '"ref"."currencies"',
      ['code', 'numeric', 'name', 'minor_units', 'symbol'],
      currencyRows(),
    );
    await insertRows(queryRunner, '"ref"."languages"', ['code', 'name', 'native_name'], languageRows());
    await insertRows(queryRunner, '"ref"."timezones"', ['name', 'region'], timezoneRows());
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Dropping the tables drops their indexes. pg_trgm stays: other schemas may index with it.
    await queryRunner.query(`DROP TABLE "ref"."timezones"`);
    await queryRunner.query(`DROP TABLE "ref"."languages"`);
    await queryRunner.query(`DROP TABLE "ref"."currencies"`);
    await queryRunner.query(`DROP TABLE "ref"."countries"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "ref"`);
  }
}

type Row = Array<string | number | null>;

/** One multi-row INSERT per table, every value a bind parameter (PostgreSQL allows 65,535 per statement). */
async function insertRows(queryRunner: QueryRunner, table: string, columns: string[], rows: Row[]) {
  const tuples = rows.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  await queryRunner.query(
    `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
    rows.flat(),
  );
}

/**
 * ISO 3166-1 codes, numbers and English names from i18n-iso-countries; calling codes from
 * countries-list, the first of its dialling prefixes (for members of the North American Numbering Plan
 * it includes the area code: Jamaica `+1876`). Both packages also carry Kosovo's user-assigned `XK`,
 * which is not part of ISO 3166-1 and is left out.
 */
function countryRows(): Row[] {
  const details = countryDetails as Record<string, ICountry | undefined>;
  const names = isoCountries.getNames('en', { select: 'official' });
  return Object.entries(isoCountries.getAlpha2Codes())
    .filter(([alpha2]) => !details[alpha2]?.userAssigned)
    .map(([alpha2, alpha3]) => {
      const prefix = details[alpha2]?.phone[0];
      return [
        alpha2,
        alpha3,
        isoCountries.alpha2ToNumeric(alpha2) ?? null,
        names[alpha2],
        prefix === undefined ? null : `+${prefix}`,
      ];
    });
}

/** ISO 4217 from currency-codes; the symbol is what `Intl` shows for an amount in English. */
function currencyRows(): Row[] {
  const withoutMinorUnits = codesWithoutMinorUnits();
  return iso4217.map((currency) => [
    currency.code,
    currency.number,
    currency.currency,
    withoutMinorUnits.has(currency.code) ? null : currency.digits,
    narrowSymbolOf(currency.code),
  ]);
}

/**
 * The codes whose minor unit ISO 4217 gives as "N.A." (gold, SDR, the test code…). currency-codes
 * reports those as 0 digits, which would claim gold trades in whole units, so they are read from the
 * official ISO list the package ships alongside its data.
 */
function codesWithoutMinorUnits(): Set<string> {
  const isoList = readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
  const codes = new Set(
    Array.from(
      isoList.matchAll(/<Ccy>([A-Z]{3})<\/Ccy>\s*<CcyNbr>\d{3}<\/CcyNbr>\s*<CcyMnrUnts>N\.A\.</g),
      ([, code]) => code,
    ),
  );
  // XXX ("no currency") has no minor unit in every edition: if it is missing, the list changed shape.
  if (!codes.has('XXX')) throw new Error('Could not read the minor units of the ISO 4217 list');
  return codes;
}

function narrowSymbolOf(currency: string): string {
  const parts = new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

/** ISO 639-1 from iso-639-1: English and native names. */
function languageRows(): Row[] {
  return ISO6391.getAllCodes().map((code) => [code, ISO6391.getName(code), ISO6391.getNativeName(code)]);
}

/**
 * The IANA zones `Intl` knows, plus `UTC`: ECMA-402 lists it among the available zones but V8 leaves
 * it out, and companies and users (whose `timezone` is an IANA name) may well choose it.
 */
function timezoneRows(): Row[] {
  const names = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return Array.from(names, (name) => [name, name.includes('/') ? name.slice(0, name.indexOf('/')) : null]);
}
