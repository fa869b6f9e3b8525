import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { decodeCursor, encodeCursor, type Page } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { TenantTable } from '../tenant-table';
import { ProductCategory } from './entities/product-category.entity';

/** The one sort of the category list: depth-first, siblings by position then creation. */
const CATEGORY_TREE_SORT = 'tree';

/** First key of the per-company advisory lock that serialises changes to the shape of the tree. */
const TREE_LOCK_KEY = 0x63617431; // "cat1"

/** Bounds the recursive walks even if the data were ever corrupt (the tree is ≤ 5 deep). */
const WALK_LIMIT = 64;

export interface CategoryRow {
  id: string;
  name: string;
  parentId: string | null;
  position: number;
  depth: number;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  version: number;
}

export interface CategoryListRequest {
  limit: number;
  cursor?: string;
  withTotal?: boolean;
  parentId?: string;
}

/** Where a category sits: its depth (root = 1) and whether `candidate` is on its path from the root. */
export interface Ancestry {
  depth: number;
  hasAncestor: boolean;
}

/**
 * Product categories of the context's company. A category's place in the tree order is its path of
 * fixed-width `<position>.<id>` segments, so a byte-wise (COLLATE "C") comparison of paths is exactly
 * the depth-first order, and the path is the keyset cursor of the list.
 */
@Injectable()
export class CategoriesRepository {
  readonly rows: TenantTable<ProductCategory>;

  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.rows = new TenantTable(txHost, ProductCategory, 'category');
  }

  /** Serialises tree changes (create, move, delete) of the company until the transaction ends. */
  async lockTree(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      TREE_LOCK_KEY,
      requireCompanyId(),
    ]);
  }

  /** Depth of a live category, and whether `candidate` is it or one of its ancestors; null if absent. */
  async ancestry(id: string, candidate: string | null = null): Promise<Ancestry | null> {
    const [row] = await this.txHost.tx.query<Array<{ depth: number | null; has_ancestor: boolean | null }>>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 1 AS n FROM catalog.product_categories
          WHERE company_id = $1 AND id = $2 AND deleted_at IS NULL
         UNION ALL
         SELECT c.id, c.parent_id, up.n + 1 FROM catalog.product_categories c
           JOIN up ON c.company_id = $1 AND c.id = up.parent_id
          WHERE up.n < ${WALK_LIMIT}
       )
       SELECT max(n)::int AS depth, bool_or(id = $3) AS has_ancestor FROM up`,
      [requireCompanyId(), id, candidate],
    );
    if (!row || row.depth === null) return null;
    return { depth: row.depth, hasAncestor: row.has_ancestor ?? false };
  }

  /** Levels of the live subtree under a category, itself included (a leaf is 1). */
  async subtreeHeight(id: string): Promise<number> {
    const [row] = await this.txHost.tx.query<Array<{ height: number }>>(
      `WITH RECURSIVE down AS (
         SELECT id, 1 AS n FROM catalog.product_categories WHERE company_id = $1 AND id = $2
         UNION ALL
         SELECT c.id, down.n + 1 FROM catalog.product_categories c
           JOIN down ON c.company_id = $1 AND c.parent_id = down.id AND c.deleted_at IS NULL
          WHERE down.n < ${WALK_LIMIT}
       )
       SELECT max(n)::int AS height FROM down`,
      [requireCompanyId(), id],
    );
    return row?.height ?? 1;
  }

  /**
   * Whether a category still has live children or is referenced by any product, deleted ones
   * included (a restored product must find its category again).
   */
  async inUse(id: string): Promise<boolean> {
    const [row] = await this.txHost.tx.query<Array<{ in_use: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM catalog.product_categories
                       WHERE company_id = $1 AND parent_id = $2 AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM catalog.products WHERE company_id = $1 AND category_id = $2) AS in_use`,
      [requireCompanyId(), id],
    );
    return row.in_use;
  }

  /** One page of live categories in tree order (optionally only the children of `parentId`). */
  async listPage(request: CategoryListRequest): Promise<Page<CategoryRow>> {
    const companyId = requireCompanyId();
    const after = request.cursor
      ? String(decodeCursor(request.cursor, { sort: CATEGORY_TREE_SORT, values: 1 }).values[0])
      : null;
    const rows = await this.txHost.tx.query<Array<CategoryRow & { path: string }>>(
      `WITH RECURSIVE tree AS (
         SELECT id, 1 AS depth, lpad("position"::text, 7, '0') || '.' || id::text AS path
           FROM catalog.product_categories
          WHERE company_id = $1 AND parent_id IS NULL AND deleted_at IS NULL
         UNION ALL
         SELECT c.id, tree.depth + 1, tree.path || '/' || lpad(c."position"::text, 7, '0') || '.' || c.id::text
           FROM catalog.product_categories c
           JOIN tree ON c.company_id = $1 AND c.parent_id = tree.id AND c.deleted_at IS NULL
          WHERE tree.depth < ${WALK_LIMIT}
       )
       SELECT c.id, c.name, c.parent_id AS "parentId", c."position", tree.depth, c.created_at AS "createdAt",
              c.created_by AS "createdBy", c.updated_at AS "updatedAt", c.updated_by AS "updatedBy",
              c.version, tree.path
         FROM tree JOIN catalog.product_categories c ON c.company_id = $1 AND c.id = tree.id
        WHERE ($2::uuid IS NULL OR c.parent_id = $2)
          AND ($3::text IS NULL OR tree.path COLLATE "C" > $3)
        ORDER BY tree.path COLLATE "C"
        LIMIT $4`,
      [companyId, request.parentId ?? null, after, request.limit + 1],
    );
    const data = rows.slice(0, request.limit).map(({ path: _path, ...row }) => row);
    const last = rows[request.limit - 1];
    const nextCursor =
      rows.length > request.limit ? encodeCursor({ sort: CATEGORY_TREE_SORT, values: [last.path] }) : null;
    const total = request.withTotal ? await this.countLive(request.parentId) : undefined;
    return { data, page: { limit: request.limit, nextCursor, ...(total === undefined ? {} : { total }) } };
  }

  private async countLive(parentId: string | undefined): Promise<number> {
    const [row] = await this.txHost.tx.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM catalog.product_categories
        WHERE company_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR parent_id = $2)`,
      [requireCompanyId(), parentId ?? null],
    );
    return row.total;
  }
}
