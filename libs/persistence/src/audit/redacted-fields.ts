/**
 * Column-name patterns whose values never reach the audit log (SPEC §11.1, ARCHITECTURE §6): written
 * as "[redacted]". `*` stands for any characters; names are snake_case database columns.
 *
 * The audit trigger cannot read TypeScript: the migration that (re)defines `platform.audit_redacted`
 * embeds `redactedFieldsPattern()` as a literal, and a unit test fails when the two disagree. Changing
 * this list therefore means a new migration that replaces that function.
 */
export const REDACTED_FIELDS: readonly string[] = [
  '*password*',
  '*_hash',
  '*token*',
  '*secret*',
  'credentials*',
  '*_ciphertext',
];

/**
 * Columns whose changes are not recorded: the row's identity and tenant (the audit row's `entity_id`
 * and `company_id` say them), bookkeeping (who/when, version; a soft delete or restore is expressed by
 * the action instead), usage stamps written on sign-in or on every API call, and delivery failure
 * counters (what they lead to, e.g. a disabled webhook, is recorded). An UPDATE that touches
 * nothing else writes no audit row. Embedded in `platform.audit_untracked` like the list above.
 */
export const UNTRACKED_FIELDS: readonly string[] = [
  'id',
  'company_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'version',
  'deleted_at',
  'deleted_by',
  'last_login_at',
  'last_used_at',
  'last_used_ip',
  'consecutive_failures',
];

/** The patterns as one anchored regular expression, valid in JavaScript and in PostgreSQL (`~`). */
export function redactedFieldsPattern(patterns: readonly string[] = REDACTED_FIELDS): string {
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  return `^(${alternatives.join('|')})$`;
}

/** Whether the audit log redacts this column (the same answer as the SQL function). */
export function isRedactedField(column: string): boolean {
  return new RegExp(redactedFieldsPattern()).test(column);
}
