import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActorType } from '@libs/core';

/** `{ camelCaseField: [before, after] }`; redacted fields read `"[redacted]"`. */
export type AuditChanges = Record<string, [unknown, unknown]>;

/**
 * One audited change or auth event (SPEC §11.1). Written only by the database triggers of
 * `platform.audit_row` / `platform.audit_auth_event` (in the transaction of the change, so a rollback
 * leaves no row), never by the application; append-only (a trigger refuses UPDATE and DELETE outside
 * the purge). `company_id` is NULL for installation-level rows; it has no FK: history outlives nothing
 * it points to and must not block anything.
 */
@Entity({ schema: 'platform', name: 'audit_logs' })
@Index('ix_audit_logs_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Index('ix_audit_logs_company_id_entity_type_entity_id_created_at', [
  'companyId',
  'entityType',
  'entityId',
  'createdAt',
])
@Index('ix_audit_logs_company_id_subject_type_subject_id_created_at', [
  'companyId',
  'subjectType',
  'subjectId',
  'createdAt',
])
@Index('ix_audit_logs_company_id_actor_id_created_at', ['companyId', 'actorId', 'createdAt'])
@Check('ck_audit_logs_actor_type', `"actor_type" IN ('user', 'api_key', 'system')`)
export class AuditLog {
  /** UUIDv7 made by the trigger (time-ordered within a transaction too). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ type: 'text' })
  actorType: ActorType;

  /** The user or API key; null for the system. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** `<entity>.<verb>`, e.g. `role.updated`, `invitation.status_changed`, `auth.login_failed`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  /** The record the change is about (a contact point's customer), for timelines. */
  @Column({ type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes: AuditChanges | null;

  /** The whole row of a hard delete; the details of an auth event. */
  @Column({ type: 'jsonb', nullable: true })
  snapshot: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
