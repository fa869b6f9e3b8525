import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AUDIT_PERMISSIONS } from './audit.permissions';
import { AuditPurge } from './audit-purge';
import { AuditPurgeJob } from './audit-purge.job';
import { AuditReadRules } from './audit-read-rules';
import { AUDIT_SETTINGS } from './audit.settings';
import { AuditTrail } from './audit-trail';
import { AuditLogsRepository } from './audit-logs.repository';

/**
 * The audit log (SPEC §11.1). Rows are written by PostgreSQL triggers (migration AuditLog, context from
 * AuditContextSubscriber of @libs/persistence), so no module writes them; this module reads them
 * (`GET /audit-logs`, AuditTrail for histories and timelines) and purges them daily (AuditPurge,
 * job `audit.purge`).
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [
    { provide: 'AUDIT_PERMISSIONS', useValue: AUDIT_PERMISSIONS },
    { provide: 'AUDIT_SETTINGS', useValue: AUDIT_SETTINGS },
    AuditLogsRepository,
    AuditReadRules,
    AuditTrail,
    AuditPurge,
    AuditPurgeJob,
  ],
  exports: [AuditTrail, AuditPurge],
})
export class AuditModule {}
