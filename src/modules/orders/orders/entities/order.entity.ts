import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';
import type { OrderStatus } from '../order-state-machine';

/**
 * A sales order (SPEC §7). Drafts are editable and priced as a preview on every change; submit
 * reprices from the catalog, freezes prices and totals and assigns the number. Only drafts are
 * soft-deleted, so a number is never held by a deleted row: its unique is not partial.
 *
 * Totals are sums of the rounded lines (numeric(19,2), decimal strings in code).
 */
@Entity({ schema: 'sales', name: 'orders' })
@Index('uq_orders_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_orders_company_id_number', ['companyId', 'number'], { unique: true })
@Index('ix_orders_company_id_status_created_at_id', ['companyId', 'status', 'createdAt', 'id'])
@Index('ix_orders_company_id_customer_id_created_at', ['companyId', 'customerId', 'createdAt'])
@Index('ix_orders_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Index('ix_orders_company_id_submitted_at_id', ['companyId', 'submittedAt', 'id'])
// GIN (jsonb_path_ops) on external_refs: written by the migration, the ORM cannot describe it.
@Index('ix_orders_external_refs', { synchronize: false })
@Check(
  'ck_orders_status',
  `"status" IN ('draft', 'submitted', 'confirmed', 'fulfilled', 'completed', 'cancelled')`,
)
@Check('ck_orders_notes_length', `char_length("notes") <= 5000`)
@Check('ck_orders_cancel_reason_length', `char_length("cancel_reason") BETWEEN 1 AND 500`)
@Check('ck_orders_number_once_submitted', `"number" IS NOT NULL OR "status" IN ('draft', 'cancelled')`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class Order extends TenantOwnedEntity {
  /** `ORD-2026-000123`; null until submit. */
  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'uuid' })
  customerId: string;

  /** ISO 4217, from reference data; default the company's default currency. */
  @Column({ type: 'char', length: 3 })
  @ForeignKey('Currency', { onDelete: 'NO ACTION' })
  currency: string;

  @Column({ type: 'text', default: 'draft' })
  status: OrderStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** References in other systems (`{"erp": "SO-881"}`), merge-patched. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  externalRefs: Record<string, string>;

  @Column({ type: 'numeric', precision: 19, scale: 2, default: 0 })
  subtotal: string;

  @Column({ type: 'numeric', precision: 19, scale: 2, default: 0 })
  discountTotal: string;

  @Column({ type: 'numeric', precision: 19, scale: 2, default: 0 })
  taxTotal: string;

  @Column({ type: 'numeric', precision: 19, scale: 2, default: 0 })
  total: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  fulfilledAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;
}
