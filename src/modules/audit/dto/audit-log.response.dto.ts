import { ApiProperty } from '@nestjs/swagger';
import type { ActorType } from '@libs/core';
import type { AuditChanges, AuditLog } from '../entities/audit-log.entity';

/** One audit row (SPEC §11.1). */
export class AuditLogResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  actorType: ActorType;

  /** The user or API key that acted; null for the system. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  /** `<entity>.<verb>`: created, updated, status_changed, deleted, restored; `auth.<event>`. */
  @ApiProperty({ example: 'role.updated' })
  action: string;

  @ApiProperty({ example: 'role' })
  entityType: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  entityId: string | null;

  /** The record the change is about (a timeline's owner), when the entity declares one. */
  @ApiProperty({ type: String, nullable: true, example: 'customer' })
  subjectType: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectId: string | null;

  /** `{ field: [before, after] }` in camelCase; secrets read `"[redacted]"`. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: {} },
    nullable: true,
    example: { name: ['Sales', 'Field sales'] },
  })
  changes: AuditChanges | null;

  /** The whole row of a hard delete; the details of an auth event. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  snapshot: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;

  @ApiProperty()
  createdAt: Date;

  static from(log: AuditLog): AuditLogResponseDto {
    return {
      id: log.id,
      actorType: log.actorType,
      actorId: log.actorId,
      action: log.action,
      entityType: log.entityType,
      entityId: log.entityId,
      subjectType: log.subjectType,
      subjectId: log.subjectId,
      changes: log.changes,
      snapshot: log.snapshot,
      requestId: log.requestId,
      ip: log.ip,
      userAgent: log.userAgent,
      createdAt: log.createdAt,
    };
  }
}
