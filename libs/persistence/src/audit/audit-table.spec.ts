import type { QueryRunner } from 'typeorm';
import { auditTable, auditTriggerName, dropAuditTable } from './audit-table';

function recorder(): { runner: QueryRunner; sql: string[] } {
  const sql: string[] = [];
  const runner = {
    query: (statement: string) => {
      sql.push(statement.replace(/\s+/g, ' ').trim());
      return Promise.resolve();
    },
  } as unknown as QueryRunner;
  return { runner, sql };
}

describe('auditTable (migration helper)', () => {
  it('attaches platform.audit_row with the entity, and only the arguments it needs', async () => {
    const { runner, sql } = recorder();
    await auditTable(runner, 'access.roles', 'role');
    await auditTable(runner, 'customers.contact_points', 'contact_point', {
      type: 'customer',
      column: 'customer_id',
    });
    await auditTable(runner, 'companies.companies', 'company', undefined, { companyColumn: 'id' });
    expect(sql).toEqual([
      'CREATE TRIGGER "tr_roles_audit" AFTER INSERT OR UPDATE OR DELETE ON "access"."roles" FOR EACH ROW EXECUTE FUNCTION platform.audit_row(\'role\')',
      'CREATE TRIGGER "tr_contact_points_audit" AFTER INSERT OR UPDATE OR DELETE ON "customers"."contact_points" FOR EACH ROW EXECUTE FUNCTION platform.audit_row(\'contact_point\', \'customer\', \'customer_id\')',
      "CREATE TRIGGER \"tr_companies_audit\" AFTER INSERT OR UPDATE OR DELETE ON \"companies\".\"companies\" FOR EACH ROW EXECUTE FUNCTION platform.audit_row('company', '', '', '', 'id')",
    ]);
  });

  it('drops the trigger it created', async () => {
    const { runner, sql } = recorder();
    await dropAuditTable(runner, 'access.roles');
    expect(sql).toEqual(['DROP TRIGGER IF EXISTS "tr_roles_audit" ON "access"."roles"']);
    expect(auditTriggerName('platform.settings')).toBe('tr_settings_audit');
  });

  it('refuses names that are not plain snake_case identifiers (they end up in SQL)', async () => {
    const { runner, sql } = recorder();
    await expect(auditTable(runner, 'roles', 'role')).rejects.toThrow(/schema/);
    await expect(auditTable(runner, 'access.roles', "role'); DROP TABLE x; --")).rejects.toThrow(/entity/);
    await expect(auditTable(runner, 'access.roles', 'role', { type: 'Role', column: 'id' })).rejects.toThrow(
      /subject type/,
    );
    expect(sql).toEqual([]);
  });
});
