import { currentActorId } from '@libs/core';
import { v7 as uuidv7 } from 'uuid';
import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type UpdateEvent } from 'typeorm';
import { AuditedEntity } from './audited.entity';

/**
 * Fills the id and the `created_by` / `updated_by` columns of every AuditedEntity from the request
 * context, so no service writes them by hand. `deleted_by` is written by softDelete() in the same
 * UPDATE as `deleted_at` (a subscriber would see the delete too late).
 */
@EventSubscriber()
export class AuditColumnsSubscriber implements EntitySubscriberInterface<AuditedEntity> {
  listenTo() {
    return AuditedEntity;
  }

  beforeInsert(event: InsertEvent<AuditedEntity>): void {
    const entity = event.entity;
    if (!entity) return;
    entity.id ??= uuidv7();
    const actor = currentActorId();
    entity.createdBy ??= actor;
    entity.updatedBy ??= actor;
  }

  beforeUpdate(event: UpdateEvent<AuditedEntity>): void {
    if (event.entity) event.entity.updatedBy = currentActorId();
  }
}
