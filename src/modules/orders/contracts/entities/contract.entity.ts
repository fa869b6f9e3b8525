import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '@libs/persistence';
import type { OrderItemBand } from '../../orders/entities/order-item.entity';
import type { ContractStatus } from '../contract-state-machine';

/**
 * A subscription contract (SPEC §7): one per subscription line of a confirmed order, or the renewal of
 * a previous contract (then `order_item_id` is null and `previous_contract_id` names the renewed one;
 * `order_id` stays the order the subscription came from). Its term is [start_date, end_date).
 * Contracts are never deleted; they end as expired or terminated.
 */
@Entity({ schema: 'sales', name: 'contracts' })
@Index('uq_contracts_company_id_id', ['companyId', 'id'], { unique: true })
@Index('uq_contracts_company_id_order_item_id', ['companyId', 'orderItemId'], { unique: true })
@Index('uq_contracts_company_id_previous_contract_id', ['companyId', 'previousContractId'], { unique: true })
@Index('ix_contracts_company_id_status_end_date', ['companyId', 'status', 'endDate'])
@Index('ix_contracts_company_id_status_start_date', ['companyId', 'status', 'startDate'])
@Index('ix_contracts_company_id_customer_id', ['companyId', 'customerId'])
@Index('ix_contracts_company_id_order_id', ['companyId', 'orderId'])
@Index('ix_contracts_company_id_created_at_id', ['companyId', 'createdAt', 'id'])
@Check('ck_contracts_status', `"status" IN ('pending', 'active', 'expired', 'terminated')`)
@Check('ck_contracts_quantity', `"quantity" BETWEEN 1 AND 1000000`)
@Check('ck_contracts_months', `"months" BETWEEN 1 AND 120`)
@Check('ck_contracts_term', `"end_date" > "start_date" AND "renewal_date" = "end_date"`)
@Check('ck_contracts_termination_reason_length', `char_length("termination_reason") BETWEEN 1 AND 500`)
@Check('ck_contracts_not_own_previous', `"previous_contract_id" IS DISTINCT FROM "id"`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Order', ['companyId', 'orderId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('OrderItem', ['companyId', 'orderItemId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('Customer', ['companyId', 'customerId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('Product', ['companyId', 'productId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('Duration', ['companyId', 'durationId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
@ForeignKey('Contract', ['companyId', 'previousContractId'], ['companyId', 'id'], { onDelete: 'NO ACTION' })
export class Contract extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  orderId: string;

  /** The subscription line it came from; null for a renewal. */
  @Column({ type: 'uuid', nullable: true })
  orderItemId: string | null;

  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'uuid' })
  productId: string;

  /** The duration it was priced with; a renewal without `durationId` reuses it. */
  @Column({ type: 'uuid' })
  durationId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'char', length: 3 })
  @ForeignKey('Currency', { onDelete: 'NO ACTION' })
  currency: string;

  @Column({ type: 'int' })
  months: number;

  @Column({ type: 'date' })
  startDate: string;

  /** start_date + months, clamped to the month's end; the term excludes it. */
  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'date' })
  renewalDate: string;

  @Column({ type: 'text' })
  status: ContractStatus;

  // The price snapshot.
  @Column({ type: 'jsonb' })
  bands: OrderItemBand[];

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  gross: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  discount: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  subtotal: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  tax: string;

  @Column({ type: 'numeric', precision: 19, scale: 2 })
  total: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  terminatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  previousContractId: string | null;
}
