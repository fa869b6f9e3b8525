import type { QueryRunner } from 'typeorm';

/** The trigger function every audited table runs (defined by the audit-log migration). */
export const AUDIT_ROW_FUNCTION = 'platform.audit_row';

/** The record a change is about, e.g. `{ type: 'customer', column: 'customer_id' }` for contact points. */
export interface AuditSubject {
  type: string;
  column: string;
}

export interface AuditTableOptions {
  /** The column that identifies a row (the audit row's `entity_id`); default `id`. */
  idColumn?: string;
  /** The column holding the row's company; default `company_id` (`id` for the companies table itself). */
  companyColumn?: string;
}

const TABLE = /^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/;
const NAME = /^[a-z][a-z0-9_]*$/;

function parseTable(table: string): { schema: string; name: string } {
  const match = TABLE.exec(table);
  if (!match) throw new Error(`auditTable: "${table}" must be "<schema>.<table>" in snake_case`);
  return { schema: match[1], name: match[2] };
}

function assertName(value: string, what: string): void {
  if (!NAME.test(value)) throw new Error(`auditTable: ${what} "${value}" must be snake_case`);
}

export function auditTriggerName(table: string): string {
  return `tr_${parseTable(table).name}_audit`;
}

/**
 * For migrations: makes every INSERT, UPDATE and DELETE of `table` write one audit row in the same
 * transaction, as `<entity>.created|updated|status_changed|deleted|restored` (SPEC §11.1):
 *
 *   await auditTable(queryRunner, 'customers.customer_contact_points', 'customer_contact_point',
 *     { type: 'customer', column: 'customer_id' });
 *
 * Every table with `company_id` and `version` must be audited (an e2e test checks it).
 */
export async function auditTable(
  queryRunner: QueryRunner,
  table: string,
  entity: string,
  subject?: AuditSubject,
  options: AuditTableOptions = {},
): Promise<void> {
  const { schema, name } = parseTable(table);
  const args: Array<[what: string, value: string]> = [
    ['entity', entity],
    ['subject type', subject?.type ?? ''],
    ['subject column', subject?.column ?? ''],
    ['idColumn', options.idColumn ?? ''],
    ['companyColumn', options.companyColumn ?? ''],
  ];
  for (const [what, value] of args) if (what === 'entity' || value !== '') assertName(value, what);
  // The function reads absent trailing arguments as their defaults.
  const values = args.map(([, value]) => value);
  while (values[values.length - 1] === '') values.pop();
  await queryRunner.query(
    `CREATE TRIGGER "${auditTriggerName(table)}" AFTER INSERT OR UPDATE OR DELETE ON "${schema}"."${name}"
     FOR EACH ROW EXECUTE FUNCTION ${AUDIT_ROW_FUNCTION}(${values.map((value) => `'${value}'`).join(', ')})`,
  );
}

/** The reverse of auditTable, for `down` migrations. */
export async function dropAuditTable(queryRunner: QueryRunner, table: string): Promise<void> {
  const { schema, name } = parseTable(table);
  await queryRunner.query(`DROP TRIGGER IF EXISTS "${auditTriggerName(table)}" ON "${schema}"."${name}"`);
}
