import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DeepPartial, EntityTarget, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId } from '@libs/core';
import { requireCompanyId, softDelete, type TenantOwnedEntity } from '@libs/persistence';

/** `share` keeps a referenced row alive until commit; `update` is taken before changing or deleting it. */
export type RowLock = 'share' | 'update';

/**
 * The row operations every soft-deletable catalog table shares, always filtered by the context's
 * company (requireCompanyId fails closed without one). Writers lock the row first (`findLive(id,
 * 'update')`), so the If-Match check and the write that follows cannot be overtaken by another one.
 */
export class TenantTable<T extends TenantOwnedEntity> {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly target: EntityTarget<T>,
    private readonly alias: string,
  ) {}

  get repository(): Repository<T> {
    return this.txHost.tx.getRepository(this.target);
  }

  /** A live (not soft-deleted) row of the company, optionally locked until the transaction ends. */
  findLive(id: string, lock?: RowLock): Promise<T | null> {
    const query = this.repository
      .createQueryBuilder(this.alias)
      .where(`${this.alias}.company_id = :companyId AND ${this.alias}.id = :id`, {
        companyId: requireCompanyId(),
        id,
      });
    if (lock) query.setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read');
    return query.getOne();
  }

  /** Inserts one row of the company; RETURNING fills the defaults (timestamps, version...). */
  async insert(fields: DeepPartial<T>): Promise<T> {
    const actor = currentActorId();
    const entity = this.repository.create({
      ...fields,
      id: uuidv7(),
      companyId: requireCompanyId(),
      createdBy: actor,
      updatedBy: actor,
    } as DeepPartial<T>);
    await this.repository.insert(entity as never);
    return entity;
  }

  /**
   * Writes `changes` to a row read with findLive(id, 'update'); the version is bumped and, with
   * updated_at, read back by RETURNING into the same object.
   */
  async update(entity: T, changes: Partial<T>): Promise<T> {
    const actor = currentActorId();
    Object.assign(entity, changes, { updatedBy: actor });
    await this.repository
      .createQueryBuilder()
      .update()
      .set({ ...changes, updatedBy: actor } as never)
      .whereEntity(entity)
      .andWhere('company_id = :companyId', { companyId: requireCompanyId() })
      .callListeners(false)
      .execute();
    return entity;
  }

  /** Soft-deletes a live row of the company (deleted_at, deleted_by and the version in one UPDATE). */
  async softDelete(id: string): Promise<void> {
    await softDelete(this.txHost.tx, this.target, 'company_id = :companyId AND id = :id', {
      companyId: requireCompanyId(),
      id,
    });
  }
}
