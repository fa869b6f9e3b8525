import { createHash } from 'node:crypto';
import { type NamingStrategyInterface, Table } from 'typeorm';
import { SnakeNamingStrategy, snakeCase } from './snake-naming.strategy';

// Called through the interface, with the arguments TypeORM passes.
const naming: NamingStrategyInterface = new SnakeNamingStrategy();

const sha8 = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 8);

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['id', 'id'],
    ['companyId', 'company_id'],
    ['OrderLine', 'order_line'],
    ['HTTPServer', 'http_server'],
    ['parseHTTPResponse', 'parse_http_response'],
    ['userID', 'user_id'],
    ['taxIdEU', 'tax_id_eu'],
    ['addressLine2', 'address_line2'],
    ['line2Total', 'line2_total'],
    ['already_snake', 'already_snake'],
  ])('%s -> %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  describe('tables and columns', () => {
    it('keeps a table name given explicitly', () => {
      expect(naming.tableName('Country', 'countries')).toBe('countries');
    });

    it('derives the snake_case class name otherwise (entities name their plural tables themselves)', () => {
      expect(naming.tableName('OrderLine', undefined)).toBe('order_line');
    });

    it('snake_cases a property into its column', () => {
      expect(naming.columnName('createdAt', undefined, [])).toBe('created_at');
      expect(naming.columnName('HTTPStatus', undefined, [])).toBe('http_status');
    });

    it('keeps a custom column name (snake_cased)', () => {
      expect(naming.columnName('createdAt', 'inserted_at', [])).toBe('inserted_at');
      expect(naming.columnName('createdAt', 'insertedAt', [])).toBe('inserted_at');
    });

    it('prefixes the columns of an embedded with its property name', () => {
      expect(naming.columnName('postalCode', undefined, ['billingAddress'])).toBe(
        'billing_address_postal_code',
      );
    });

    it('names a join column <relation>_<referenced column>', () => {
      expect(naming.joinColumnName('customer', 'id')).toBe('customer_id');
      expect(naming.joinColumnName('parentAccount', 'id')).toBe('parent_account_id');
    });

    it('names relations and join tables in snake_case without schema', () => {
      expect(naming.relationName('lineItems')).toBe('line_items');
      expect(naming.joinTableName('identity.users', 'identity.roles', 'roles', 'users')).toBe('users_roles');
      expect(naming.joinTableColumnName('identity.users', 'id')).toBe('users_id');
      expect(naming.joinTableColumnName('users', 'id', 'userId')).toBe('users_user_id');
    });
  });

  describe('constraints', () => {
    it('names the primary key pk_<table>, without schema', () => {
      expect(naming.primaryKeyName('ref.countries', ['code'])).toBe('pk_countries');
      expect(naming.primaryKeyName('countries', ['code'])).toBe('pk_countries');
      expect(naming.primaryKeyName('"ref"."countries"', ['code'])).toBe('pk_countries');
    });

    it('accepts a Table object', () => {
      const table = new Table({ name: 'ref.countries', columns: [] });

      expect(naming.primaryKeyName(table, ['code'])).toBe('pk_countries');
      expect(naming.uniqueConstraintName(table, ['iso3'])).toBe('uq_countries_iso3');
    });

    it('names unique constraints uq_<table>_<columns>', () => {
      expect(naming.uniqueConstraintName('sales.customers', ['company_id', 'email'])).toBe(
        'uq_customers_company_id_email',
      );
    });

    it('names one-to-one relation constraints like unique constraints', () => {
      expect(naming.relationConstraintName('identity.profiles', ['user_id'])).toBe('uq_profiles_user_id');
    });

    it('names indexes ix_<table>_<columns>', () => {
      expect(naming.indexName('sales.orders', ['company_id', 'created_at'])).toBe(
        'ix_orders_company_id_created_at',
      );
    });

    it('names foreign keys fk_<table>_<columns>', () => {
      expect(naming.foreignKeyName('sales.orders', ['customer_id'], 'sales.customers', ['id'])).toBe(
        'fk_orders_customer_id',
      );
    });

    it('names defaults df_<table>_<column>', () => {
      expect(naming.defaultConstraintName('sales.orders', 'state')).toBe('df_orders_state');
    });

    it('names unnamed checks ck_<table>_<hash of the expression>, stably', () => {
      const name = naming.checkConstraintName('sales.orders', '"quantity" > 0');

      expect(name).toBe(`ck_orders_${sha8('"quantity" > 0')}`);
      expect(name).toMatch(/^ck_orders_[0-9a-f]{8}$/);
      expect(naming.checkConstraintName('sales.orders', '"quantity" > 0')).toBe(name);
      expect(naming.checkConstraintName('sales.orders', '"quantity" >= 0')).not.toBe(name);
    });

    it('names exclusion constraints xc_<table>_<hash>', () => {
      expect(naming.exclusionConstraintName('hr.leaves', 'USING gist (period WITH &&)')).toMatch(
        /^xc_leaves_[0-9a-f]{8}$/,
      );
    });
  });

  describe('names over PostgreSQL’s 63 characters', () => {
    const table = 'accounting.recurring_journal_entry_template_lines';
    const columns = ['company_id', 'recurring_journal_entry_template_id', 'position'];
    const full = `uq_recurring_journal_entry_template_lines_${columns.join('_')}`;

    it('keeps a name of exactly 63 characters as is', () => {
      const column = 'c'.repeat(63 - 'ix_t_'.length);

      expect(naming.indexName('t', [column])).toBe(`ix_t_${column}`);
      expect(naming.indexName('t', [column])).toHaveLength(63);
    });

    it('shortens a longer name to exactly 63 characters: a readable prefix, then a hash of the full name', () => {
      const name = naming.uniqueConstraintName(table, columns);

      expect(full.length).toBeGreaterThan(63);
      expect(name).toHaveLength(63);
      expect(name).toBe(`${full.slice(0, 54)}_${sha8(full)}`);
      expect(name.startsWith('uq_recurring_journal_entry_template_lines_company_id_')).toBe(true);
    });

    it('is deterministic', () => {
      expect(naming.uniqueConstraintName(table, columns)).toBe(
        new SnakeNamingStrategy().uniqueConstraintName(table, columns),
      );
    });

    it('does not collide for two long names that share their first 63 characters', () => {
      const one = naming.indexName(table, [...columns, 'a']);
      const two = naming.indexName(table, [...columns, 'b']);

      expect(`ix_recurring_journal_entry_template_lines_${columns.join('_')}`.length).toBeGreaterThan(63);
      expect(one).toHaveLength(63);
      expect(two).toHaveLength(63);
      expect(one).not.toBe(two);
      expect(one.slice(0, 54)).toBe(two.slice(0, 54));
    });

    it('does not collide across constraint kinds on the same columns', () => {
      const names = [
        naming.uniqueConstraintName(table, columns),
        naming.indexName(table, columns),
        naming.foreignKeyName(table, columns),
      ];

      expect(new Set(names).size).toBe(3);
      names.forEach((n) => expect(n.length).toBeLessThanOrEqual(63));
    });
  });
});
