import { formatCycles, formatLoadOrder } from './format-load-order';

describe('formatLoadOrder', () => {
  it('prints one line per table under its schema, with the tables it references', () => {
    const text = formatLoadOrder({
      kind: 'ordered',
      tableCount: 3,
      schemaCount: 2,
      groups: [
        { schema: 'platform', tables: [{ position: 1, table: 'platform.idempotency_keys', references: [] }] },
        {
          schema: 'identity',
          tables: [
            { position: 2, table: 'identity.users', references: [] },
            { position: 3, table: 'identity.sessions', references: ['identity.users'] },
          ],
        },
      ],
    });

    expect(text).toBe(
      [
        'Load order (3 tables, 2 schemas)',
        'platform',
        '  1. platform.idempotency_keys',
        'identity',
        '  2. identity.users',
        '  3. identity.sessions  (-> identity.users)',
      ].join('\n'),
    );
  });

  it('aligns positions once there are ten tables or more', () => {
    const tables = Array.from({ length: 10 }, (_, index) => ({
      position: index + 1,
      table: `ref.t${index + 1}`,
      references: [],
    }));

    const lines = formatLoadOrder({
      kind: 'ordered',
      tableCount: 10,
      schemaCount: 1,
      groups: [{ schema: 'ref', tables }],
    })
      .split('\n')
      .slice(2);

    expect(lines[0]).toBe('   1. ref.t1');
    expect(lines[9]).toBe('  10. ref.t10');
  });

  it('says why an empty database has no tables', () => {
    expect(formatLoadOrder({ kind: 'ordered', tableCount: 0, schemaCount: 0, groups: [] })).toContain(
      'npm run db:migrate',
    );
  });
});

describe('formatCycles', () => {
  it('names the tables of each cycle and the foreign keys that close it', () => {
    const text = formatCycles([
      {
        tables: ['fixture.a', 'fixture.b'],
        foreignKeys: [
          { table: 'fixture.a', references: 'fixture.b' },
          { table: 'fixture.b', references: 'fixture.a' },
        ],
      },
    ]);

    expect(text.split('\n').slice(0, 4)).toEqual([
      'Foreign keys form a cycle: no table on a cycle can be loaded before the others.',
      '  cycle: fixture.a, fixture.b',
      '    fixture.a -> fixture.b',
      '    fixture.b -> fixture.a',
    ]);
  });
});
