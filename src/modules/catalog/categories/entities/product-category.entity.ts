import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';

/** The deepest a category may sit: a root is at depth 1. */
export const MAX_CATEGORY_DEPTH = 5;

/**
 * A node of the company's product category tree. Soft-deleted (never while it has live children or
 * is referenced by a product); the tree shape (depth ≤ 5, no cycles) is enforced by the service
 * under a per-company lock, since a CHECK cannot see other rows.
 */
@Entity({ schema: 'catalog', name: 'product_categories' })
@Index('uq_product_categories_company_id_id', ['companyId', 'id'], { unique: true })
// (company_id, parent_id, lower(name)) NULLS NOT DISTINCT WHERE deleted_at IS NULL: written by the
// migration (the ORM cannot describe expression or NULLS NOT DISTINCT indexes).
@Index('uq_product_categories_company_id_parent_id_lower_name', { synchronize: false })
@Index('ix_product_categories_company_id_parent_id', ['companyId', 'parentId'])
@Check('ck_product_categories_name_length', `char_length("name") BETWEEN 1 AND 100`)
@Check('ck_product_categories_position', `"position" BETWEEN 0 AND 1000000`)
@Check('ck_product_categories_not_own_parent', `"parent_id" IS DISTINCT FROM "id"`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('ProductCategory', ['companyId', 'parentId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class ProductCategory extends TenantOwnedEntity {
  @Column({ type: 'text' })
  name: string;

  /** null = a root category. */
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** Order among siblings (then creation order). */
  @Column({ type: 'int', default: 0 })
  position: number;
}
