import { currentActorId } from '@libs/core';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Soft-deletes rows in ONE statement that sets `deleted_at`, `deleted_by` and bumps `version`
 * (TypeORM's own softDelete cannot write deleted_by). Returns how many rows it deleted; rows already
 * deleted are left alone, so a second call returns 0.
 */
export async function softDelete<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ deletedAt: () => 'now()', deletedBy: currentActorId(), version: () => 'version + 1' } as never)
    .where(`${where} AND deleted_at IS NULL`, parameters)
    .callListeners(false)
    .execute();
  return result.affected ?? 0;
}

/** The reverse of softDelete: clears both columns, records who restored it, bumps `version`. */
export async function restoreSoftDeleted<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({
      deletedAt: null,
      deletedBy: null,
      updatedBy: currentActorId(),
      version: () => 'version + 1',
    } as never)
    .where(`${where} AND deleted_at IS NOT NULL`, parameters)
    .callListeners(false)
    .execute();
  return result.affected ?? 0;
}
