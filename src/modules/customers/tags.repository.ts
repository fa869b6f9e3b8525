import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentActorId, keysetPaginate, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { selectList } from './customer-rows';
import { TAG_SORT, type TagSummaryDto } from './dto/tag.dto';
import { Tag } from './entities/tag.entity';
import { escapeLike } from './customer-list-sql';
import { rowsOf, setList } from './sql-rows';

export interface TagColumns {
  name: string;
  color: string | null;
  description: string | null;
}

const TAG_FIELDS = {
  id: 'id',
  name: 'name',
  color: 'color',
  description: 'description',
  createdAt: 'created_at',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
  version: 'version',
};
const RETURNING = `RETURNING ${selectList(TAG_FIELDS)}`;

/** The company's tag catalogue and the customer-tag links. */
@Injectable()
export class TagsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  listPage(request: {
    limit: number;
    cursor?: string;
    sort?: string;
    q?: string;
    withTotal?: boolean;
  }): Promise<Page<Tag>> {
    const query = this.txHost.tx
      .getRepository(Tag)
      .createQueryBuilder('tag')
      .where('tag.company_id = :companyId', { companyId: requireCompanyId() });
    if (request.q) query.andWhere('tag.name ILIKE :q', { q: `%${escapeLike(request.q.trim())}%` });
    return keysetPaginate(query, request, {
      sortable: { name: 'tag.name', createdAt: 'tag.createdAt' },
      defaultSort: TAG_SORT.default,
      tieBreaker: { key: 'id', column: 'tag.id' },
    });
  }

  async find(id: string): Promise<Tag | null> {
    const [tag] = await rowsOf<Tag & Record<string, unknown>>(
      this.txHost.tx,
      `SELECT ${selectList(TAG_FIELDS)} FROM customers.tags WHERE company_id = $1 AND id = $2`,
      [requireCompanyId(), id],
    );
    return tag ?? null;
  }

  /** Throws the driver's 23505 on `uq_tags_company_id_name` when the name is taken (any case). */
  async insert(tag: TagColumns): Promise<Tag> {
    const actor = currentActorId();
    const [row] = await rowsOf<Tag & Record<string, unknown>>(
      this.txHost.tx,
      `INSERT INTO customers.tags (id, company_id, name, color, description, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ${RETURNING}`,
      [uuidv7(), requireCompanyId(), tag.name, tag.color, tag.description, actor],
    );
    return row;
  }

  /** Changes the tag if it still has `version` (null otherwise); 23505 as insert. */
  async update(id: string, version: number, changes: Partial<TagColumns>): Promise<Tag | null> {
    const values: unknown[] = [requireCompanyId(), id, version, currentActorId()];
    const set = [
      ...setList(changes, values),
      'updated_at = now()',
      'updated_by = $4',
      'version = version + 1',
    ];
    const [row] = await rowsOf<Tag & Record<string, unknown>>(
      this.txHost.tx,
      `UPDATE customers.tags SET ${set.join(', ')} WHERE company_id = $1 AND id = $2 AND version = $3 ${RETURNING}`,
      values,
    );
    return row ?? null;
  }

  /** Hard delete; the customer (and conversation) links go with it by ON DELETE CASCADE. */
  async delete(id: string, version: number): Promise<boolean> {
    const rows = await rowsOf(
      this.txHost.tx,
      `DELETE FROM customers.tags WHERE company_id = $1 AND id = $2 AND version = $3 RETURNING id`,
      [requireCompanyId(), id, version],
    );
    return rows.length === 1;
  }

  /** The tags of the company among `ids` (missing ones are not in the company). */
  summariesOf(ids: readonly string[]): Promise<TagSummaryDto[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return rowsOf<TagSummaryDto & Record<string, unknown>>(
      this.txHost.tx,
      `SELECT id, name, color FROM customers.tags WHERE company_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`,
      [requireCompanyId(), ids],
    );
  }

  /** Links tags to a customer; already linked ones are skipped. Returns the tag ids newly linked. */
  async attach(customerId: string, tagIds: readonly string[]): Promise<string[]> {
    if (tagIds.length === 0) return [];
    const rows = await rowsOf<{ tagId: string }>(
      this.txHost.tx,
      `INSERT INTO customers.customer_tags (company_id, customer_id, tag_id, created_by)
       SELECT $1, $2, tag_id, $4 FROM unnest($3::uuid[]) AS tag_id
       ON CONFLICT DO NOTHING RETURNING tag_id AS "tagId"`,
      [requireCompanyId(), customerId, tagIds, currentActorId()],
    );
    return rows.map((r) => r.tagId);
  }

  async detach(customerId: string, tagId: string): Promise<boolean> {
    const rows = await rowsOf(
      this.txHost.tx,
      `DELETE FROM customers.customer_tags WHERE company_id = $1 AND customer_id = $2 AND tag_id = $3 RETURNING tag_id`,
      [requireCompanyId(), customerId, tagId],
    );
    return rows.length === 1;
  }
}
