import {
  type ForeignKeyGraph,
  planTableLoadOrder,
  type Table,
  type TableLoadOrder,
} from './table-load-order';

function table(qualified: string): Table {
  const [schema, name] = qualified.split('.');
  return { schema, name };
}

/** graph('identity.sessions -> identity.users', 'platform.idempotency_keys') */
function graph(...lines: string[]): ForeignKeyGraph {
  const tables = new Map<string, Table>();
  const foreignKeys: ForeignKeyGraph['foreignKeys'] = [];
  for (const line of lines) {
    const [child, parent] = line.split(' -> ');
    tables.set(child, table(child));
    if (parent) {
      tables.set(parent, table(parent));
      foreignKeys.push({ table: table(child), references: table(parent) });
    }
  }
  return { tables: [...tables.values()], foreignKeys };
}

function ordered(order: TableLoadOrder) {
  if (order.kind !== 'ordered') throw new Error(`expected an order, got ${JSON.stringify(order.cycles)}`);
  return order;
}

function tablesInOrder(order: TableLoadOrder): string[] {
  return ordered(order).groups.flatMap((group) => group.tables.map((step) => step.table));
}

describe('planTableLoadOrder', () => {
  it('puts every table after the tables it references, even when the alphabet says otherwise', () => {
    const order = planTableLoadOrder(
      graph(
        'sales.order_lines -> sales.orders',
        'sales.order_lines -> catalog.products',
        'sales.orders -> customers.customers',
        'catalog.products -> catalog.categories',
        'customers.customers -> companies.companies',
        'catalog.categories -> companies.companies',
      ),
    );

    expect(tablesInOrder(order)).toEqual([
      'companies.companies',
      'catalog.categories',
      'catalog.products',
      'customers.customers',
      'sales.orders',
      'sales.order_lines',
    ]);
  });

  it('groups tables by schema, schemas in dependency order, numbered across groups', () => {
    const order = ordered(
      planTableLoadOrder(
        graph(
          'platform.idempotency_keys',
          'identity.sessions -> identity.users',
          'companies.memberships -> companies.companies',
          'companies.memberships -> identity.users',
        ),
      ),
    );

    expect(order).toEqual({
      kind: 'ordered',
      tableCount: 5,
      schemaCount: 3,
      groups: [
        {
          schema: 'identity',
          tables: [
            { position: 1, table: 'identity.users', references: [] },
            { position: 2, table: 'identity.sessions', references: ['identity.users'] },
          ],
        },
        {
          schema: 'companies',
          tables: [
            { position: 3, table: 'companies.companies', references: [] },
            {
              position: 4,
              table: 'companies.memberships',
              references: ['companies.companies', 'identity.users'],
            },
          ],
        },
        { schema: 'platform', tables: [{ position: 5, table: 'platform.idempotency_keys', references: [] }] },
      ],
    });
  });

  it('allows a self-reference, shows it, and orders the table by its other references', () => {
    const order = ordered(
      planTableLoadOrder(
        graph('catalog.categories -> catalog.categories', 'catalog.categories -> ref.languages'),
      ),
    );

    expect(order.groups).toEqual([
      { schema: 'ref', tables: [{ position: 1, table: 'ref.languages', references: [] }] },
      {
        schema: 'catalog',
        tables: [
          { position: 2, table: 'catalog.categories', references: ['catalog.categories', 'ref.languages'] },
        ],
      },
    ]);
  });

  it('names the three tables of a cycle, and not the tables that merely depend on it', () => {
    const order = planTableLoadOrder(
      graph(
        'fixture.a -> fixture.b',
        'fixture.b -> fixture.c',
        'fixture.c -> fixture.a',
        'fixture.downstream -> fixture.a',
        'fixture.tree -> fixture.tree',
        'fixture.standalone',
      ),
    );

    expect(order).toEqual({
      kind: 'cycle',
      cycles: [
        {
          tables: ['fixture.a', 'fixture.b', 'fixture.c'],
          foreignKeys: [
            { table: 'fixture.a', references: 'fixture.b' },
            { table: 'fixture.b', references: 'fixture.c' },
            { table: 'fixture.c', references: 'fixture.a' },
          ],
        },
      ],
    });
  });

  it('reports separate cycles separately', () => {
    const order = planTableLoadOrder(
      graph('one.a -> one.b', 'one.b -> one.a', 'two.x -> two.y', 'two.y -> two.x', 'two.y -> one.a'),
    );

    expect(order.kind === 'cycle' && order.cycles.map((cycle) => cycle.tables)).toEqual([
      ['one.a', 'one.b'],
      ['two.x', 'two.y'],
    ]);
  });

  it('keeps the order correct when schemas depend on each other without a table cycle', () => {
    // left.b -> right.c -> left.a: the schemas form a circle, the tables do not.
    const order = planTableLoadOrder(graph('left.b -> right.c', 'right.c -> left.a'));

    expect(tablesInOrder(order)).toEqual(['left.a', 'right.c', 'left.b']);
    expect(ordered(order).groups.map((group) => group.schema)).toEqual(['left', 'right', 'left']);
  });

  it('ignores foreign keys to tables outside the graph', () => {
    const order = planTableLoadOrder({
      tables: [table('identity.users')],
      foreignKeys: [{ table: table('identity.users'), references: table('public.migrations') }],
    });

    expect(tablesInOrder(order)).toEqual(['identity.users']);
  });

  it('plans an empty database', () => {
    expect(planTableLoadOrder({ tables: [], foreignKeys: [] })).toEqual({
      kind: 'ordered',
      tableCount: 0,
      schemaCount: 0,
      groups: [],
    });
  });
});
