// The public API of the audit module: other modules import only from here.
export { AuditModule } from './audit.module';
export { AuditTrail } from './audit-trail';
export { AuditPurge } from './audit-purge';
export { AUDIT_PURGE_JOB } from './audit-purge.job';
export { AuditPermission } from './audit.permissions';
export { AUDIT_RETENTION_DAYS, LOG_RETENTION_DAYS } from './audit.settings';
export { AuditLogResponseDto } from './dto/audit-log.response.dto';
