import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { Settings } from '../settings';
import { AUDIT_RETENTION_DAYS } from './audit.settings';
import { AuditLogsRepository } from './audit-logs.repository';

/**
 * Retention (SPEC §11.1): deletes the audit rows older than `platform.audit_retention_days` of their
 * company (installation-level rows: the installation's value), in one transaction that alone may
 * delete them. Meant to run daily.
 */
@Injectable()
export class AuditPurge {
  constructor(
    private readonly settings: Settings,
    private readonly logs: AuditLogsRepository,
  ) {}

  /** Returns how many rows it deleted. */
  @Transactional()
  async purgeExpired(): Promise<number> {
    const installationDays = await this.settings.getFor<number>(null, AUDIT_RETENTION_DAYS);
    const overrides = await this.settings.companyOverrides<number>(AUDIT_RETENTION_DAYS);
    const companiesByDays = new Map<number, string[]>();
    for (const [companyId, days] of overrides) {
      companiesByDays.set(days, [...(companiesByDays.get(days) ?? []), companyId]);
    }
    await this.logs.allowPurge();
    let deleted = await this.logs.deleteOlderThan(installationDays, { except: [...overrides.keys()] });
    for (const [days, companyIds] of companiesByDays) {
      deleted += await this.logs.deleteOlderThan(days, { only: companyIds });
    }
    return deleted;
  }
}
