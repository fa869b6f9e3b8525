import { stronglyConnectedComponents } from './strongly-connected-components';
import { topologicalOrder } from './topological-order';

export interface Table {
  schema: string;
  name: string;
}

/** `table` holds the foreign key; `references` is the table it points at (the parent). */
export interface ForeignKey {
  table: Table;
  references: Table;
}

export interface ForeignKeyGraph {
  tables: Table[];
  foreignKeys: ForeignKey[];
}

export interface LoadStep {
  /** 1-based, across all schemas. */
  position: number;
  /** `schema.table` */
  table: string;
  /** The tables it references, itself included when it references itself. */
  references: string[];
}

export interface SchemaLoadGroup {
  schema: string;
  tables: LoadStep[];
}

export interface ForeignKeyCycle {
  /** The tables that (directly or indirectly) all reference each other. */
  tables: string[];
  /** The foreign keys between them that close the cycle. */
  foreignKeys: { table: string; references: string }[];
}

export type TableLoadOrder =
  | { kind: 'ordered'; tableCount: number; schemaCount: number; groups: SchemaLoadGroup[] }
  | { kind: 'cycle'; cycles: ForeignKeyCycle[] };

export function qualifiedName(table: Table): string {
  return `${table.schema}.${table.name}`;
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order in which rows can be inserted table by table without breaking a foreign key: every table
 * after the tables it references. Tables stay grouped by schema (= module), with the schemas themselves
 * in dependency order, because that is how the data is owned and loaded.
 *
 * A self-reference (a tree, e.g. categories.parent_id) does not constrain the order: the parent row is
 * simply inserted first. Any other cycle makes an order impossible; the tables on it are returned.
 */
export function planTableLoadOrder(graph: ForeignKeyGraph): TableLoadOrder {
  const schemaOf = new Map(graph.tables.map((table) => [qualifiedName(table), table.schema]));
  const names = [...schemaOf.keys()].sort(compareText);
  const referencesOf = new Map(names.map((name) => [name, new Set<string>()]));
  for (const foreignKey of graph.foreignKeys) {
    const child = qualifiedName(foreignKey.table);
    const parent = qualifiedName(foreignKey.references);
    // A foreign key to a table outside the graph (one the caller left out) cannot constrain the order.
    if (schemaOf.has(child) && schemaOf.has(parent)) referencesOf.get(child)!.add(parent);
  }
  const parentsOf = (name: string) => [...referencesOf.get(name)!].filter((parent) => parent !== name);

  const schemaRank = rankSchemas(names, schemaOf, parentsOf);
  const rankOf = (name: string) => schemaRank.get(schemaOf.get(name)!)!;
  const { ordered, unordered } = topologicalOrder(
    names,
    parentsOf,
    (a, b) => rankOf(a) - rankOf(b) || compareText(a, b),
  );
  if (unordered.length) return { kind: 'cycle', cycles: findCycles(unordered, parentsOf) };

  const groups: SchemaLoadGroup[] = [];
  ordered.forEach((name, index) => {
    const schema = schemaOf.get(name)!;
    const step = {
      position: index + 1,
      table: name,
      references: [...referencesOf.get(name)!].sort(compareText),
    };
    const current = groups.at(-1);
    if (current?.schema === schema) current.tables.push(step);
    else groups.push({ schema, tables: [step] });
  });
  return {
    kind: 'ordered',
    tableCount: ordered.length,
    schemaCount: new Set(schemaOf.values()).size,
    groups,
  };
}

/**
 * Schemas in the order of the foreign keys between them (alphabetical when independent). Modules must
 * not depend on each other in a circle; if their tables still do, those schemas go last and the table
 * order stays correct, at the price of a schema appearing in more than one group.
 */
function rankSchemas(
  names: string[],
  schemaOf: Map<string, string>,
  parentsOf: (name: string) => string[],
): Map<string, number> {
  const dependencies = new Map<string, Set<string>>();
  for (const name of names) {
    const schema = schemaOf.get(name)!;
    const schemaDependencies = dependencies.get(schema) ?? new Set<string>();
    for (const parent of parentsOf(name)) {
      if (schemaOf.get(parent) !== schema) schemaDependencies.add(schemaOf.get(parent)!);
    }
    dependencies.set(schema, schemaDependencies);
  }
  const schemas = [...dependencies.keys()].sort(compareText);
  const { ordered, unordered } = topologicalOrder(schemas, (s) => [...dependencies.get(s)!], compareText);
  return new Map([...ordered, ...unordered].map((schema, rank) => [schema, rank]));
}

/** The cycles among the tables Kahn's algorithm could not place (the rest merely depend on a cycle). */
function findCycles(unordered: string[], parentsOf: (name: string) => string[]): ForeignKeyCycle[] {
  const blocked = new Set(unordered);
  const blockedParentsOf = (name: string) => parentsOf(name).filter((parent) => blocked.has(parent));
  return stronglyConnectedComponents(unordered, blockedParentsOf)
    .filter((component) => component.length > 1)
    .map((tables) => ({
      tables,
      foreignKeys: tables.flatMap((table) =>
        blockedParentsOf(table)
          .filter((parent) => tables.includes(parent))
          .sort(compareText)
          .map((references) => ({ table, references })),
      ),
    }));
}
