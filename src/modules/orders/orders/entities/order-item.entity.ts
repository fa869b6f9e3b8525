import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

/** One priced band of a line, as the pricing engine reports it (SPEC §6). */
export interface OrderItemBand {
  minQty: number;
  maxQty: number | null;
  unitPrice: string;
  quantity: number;
  amount: string;
}

/** A line's own fields, without the bookkeeping columns its repository fills. */
export type OrderLine = Omit<OrderItem, 'companyId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;

/**
 * A line of an order: what was asked (product, quantity, duration, start date, manual discount) and
 * its price snapshot (sku, name, bands... total), a preview while the order is a draft and frozen by
 * submit. A child of the order: it changes under the order's If-Match and version, and is deleted for
 * good with its draft (no version or soft delete of its own).
 */
@Entity({ schema: 'sales', name: 'order_items' })
@Index('uq_order_items_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_order_items_company_id_order_id_position', ['companyId', 'orderId', 'position'], { unique: true })
@Index('ix_order_items_company_id_product_id', ['companyId', 'productId'])
@Check('ck_order_items_position', `"position" >= 1`)
@Check('ck_order_items_quantity', `"quantity" BETWEEN 1 AND 1000000`)
@Check('ck_order_items_discount_percent', `"discount_percent" BETWEEN 0 AND 100`)
@Check('ck_order_items_product_type', `"product_type" IN ('good', 'service', 'subscription')`)
@Check('ck_order_items_tier_mode', `"tier_mode" IN ('graduated', 'volume')`)
@Check('ck_order_items_months', `"months" BETWEEN 1 AND 120`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Order', ['companyId', 'orderId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
@ForeignKey('Product', ['companyId', 'productId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('Duration', ['companyId', 'durationId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class OrderItem {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  orderId: string;

  /** 1, 2, ... in the order; the line's place on the document. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  /** Subscriptions only. */
  @Column({ type: 'uuid', nullable: true })
  durationId: string | null;

  /** Subscriptions only: when the contract starts (default: the confirm date). */
  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  /** Manual discount, 0..100. */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  // The price snapshot.
  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  productType: string;

  @Column({ type: 'text' })
  tierMode: string;

  @Column({ type: 'jsonb' })
  bands: OrderItemBand[];

  @Column({ type: 'int' })
  months: number;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  durationDiscountPercent: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  gross: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  discountAmount: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  subtotal: string;

  @Column({ type: 'numeric', precision: 6, scale: 3 })
  taxRatePercent: string;

  @Column({ type: 'boolean' })
  taxInclusive: boolean;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  taxAmount: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  total: string;

  @Column({ type: 'numeric', precision: 19, scale: 4 })
  unitPriceEffective: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
