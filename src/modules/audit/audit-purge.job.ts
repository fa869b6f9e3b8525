import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Jobs } from '@libs/persistence';
import { AuditPurge } from './audit-purge';

export const AUDIT_PURGE_JOB = 'audit.purge';

/** Daily, at a quiet hour (UTC); pg-boss runs a cron tick once across all instances. */
export const AUDIT_PURGE_CRON = '30 3 * * *';

/** Runs AuditPurge daily through the job queue (SPEC §11.1 retention). */
@Injectable()
export class AuditPurgeJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('AuditPurge');

  constructor(
    private readonly jobs: Jobs,
    private readonly purge: AuditPurge,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(AUDIT_PURGE_JOB, async () => {
      const deleted = await this.purge.purgeExpired();
      if (deleted) this.logger.log({ deleted }, 'Expired audit rows purged');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(AUDIT_PURGE_JOB, AUDIT_PURGE_CRON);
  }
}
