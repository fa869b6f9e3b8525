import type { ForeignKeyCycle, TableLoadOrder } from './table-load-order';

type OrderedTables = Extract<TableLoadOrder, { kind: 'ordered' }>;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Load order (3 tables, 2 schemas)
 * identity
 *   1. identity.users
 *   2. identity.sessions  (-> identity.users)
 */
export function formatLoadOrder(order: OrderedTables): string {
  const header = `Load order (${plural(order.tableCount, 'table')}, ${plural(order.schemaCount, 'schema')})`;
  if (!order.tableCount)
    return `${header}\nNo tables yet: has the database been migrated (npm run db:migrate)?`;
  const width = String(order.tableCount).length;
  const lines = [header];
  for (const group of order.groups) {
    lines.push(group.schema);
    for (const step of group.tables) {
      const references = step.references.length ? `  (-> ${step.references.join(', ')})` : '';
      lines.push(`  ${String(step.position).padStart(width)}. ${step.table}${references}`);
    }
  }
  return lines.join('\n');
}

/**
 * Foreign keys form a cycle: no table on it can be loaded before the others.
 *   cycle: fixture.a, fixture.b, fixture.c
 *     fixture.a -> fixture.b
 *     …
 */
export function formatCycles(cycles: ForeignKeyCycle[]): string {
  const lines = [
    `Foreign keys form ${cycles.length === 1 ? 'a cycle' : `${cycles.length} cycles`}: ` +
      'no table on a cycle can be loaded before the others.',
  ];
  for (const cycle of cycles) {
    lines.push(`  cycle: ${cycle.tables.join(', ')}`);
    for (const foreignKey of cycle.foreignKeys)
      lines.push(`    ${foreignKey.table} -> ${foreignKey.references}`);
  }
  // A nullable or DEFERRABLE foreign key is still a foreign key to the catalog: only moving the
  // reference out of the cycle makes the order exist.
  lines.push(
    'Break each cycle, e.g. by moving one of its references into a link table that references both sides.',
  );
  return lines.join('\n');
}
