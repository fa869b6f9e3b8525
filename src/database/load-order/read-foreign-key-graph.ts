import type { DataSource } from 'typeorm';
import type { ForeignKeyGraph, Table } from './table-load-order';

/**
 * Ordinary and partitioned tables, without partitions (they follow their parent), system schemas
 * (pg_catalog, pg_toast, temporary ones, information_schema) and TypeORM's own bookkeeping tables.
 */
const TABLES = `
  SELECT c.oid, n.nspname AS schema, c.relname AS name
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND NOT c.relispartition
    AND n.nspname <> 'information_schema'
    AND n.nspname NOT LIKE 'pg\\_%'
    AND NOT (n.nspname = current_schema() AND c.relname = ANY ($1::name[]))`;

/** conparentid = 0 skips the copies PostgreSQL makes of a foreign key for each partition. */
const FOREIGN_KEYS = `
  WITH tables AS (${TABLES})
  SELECT DISTINCT child.schema, child.name, parent.schema AS parent_schema, parent.name AS parent_name
  FROM pg_constraint fk
  JOIN tables child ON child.oid = fk.conrelid
  JOIN tables parent ON parent.oid = fk.confrelid
  WHERE fk.contype = 'f' AND fk.conparentid = 0`;

interface ForeignKeyRow extends Table {
  parent_schema: string;
  parent_name: string;
}

/** Every table of the database and the foreign keys between them, read from the catalog. */
export async function readForeignKeyGraph(dataSource: DataSource): Promise<ForeignKeyGraph> {
  const { migrationsTableName, metadataTableName } = dataSource.options;
  const typeormTables = [migrationsTableName ?? 'migrations', metadataTableName ?? 'typeorm_metadata'];
  const tables: Table[] = await dataSource.query(`SELECT schema, name FROM (${TABLES}) t`, [typeormTables]);
  const foreignKeys: ForeignKeyRow[] = await dataSource.query(FOREIGN_KEYS, [typeormTables]);
  return {
    tables,
    foreignKeys: foreignKeys.map((row) => ({
      table: { schema: row.schema, name: row.name },
      references: { schema: row.parent_schema, name: row.parent_name },
    })),
  };
}
