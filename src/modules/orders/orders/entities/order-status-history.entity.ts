import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ActorType } from '@libs/core';
import type { OrderStatus } from '../order-state-machine';

/**
 * One transition of an order (SPEC §7): from, to, who (actor type and id), when, why. Append-only and
 * written in the transition's transaction, so it has no version, update or delete columns: `at` and
 * `actor_id` are its created_at and created_by.
 */
@Entity({ schema: 'sales', name: 'order_status_history' })
@Index('ix_order_status_history_company_id_order_id_at', ['companyId', 'orderId', 'at'])
@Check(
  'ck_order_status_history_from_status',
  `"from_status" IN ('draft', 'submitted', 'confirmed', 'fulfilled', 'completed', 'cancelled')`,
)
@Check(
  'ck_order_status_history_to_status',
  `"to_status" IN ('draft', 'submitted', 'confirmed', 'fulfilled', 'completed', 'cancelled')`,
)
@Check('ck_order_status_history_actor_type', `"actor_type" IN ('user', 'api_key', 'system')`)
@Check('ck_order_status_history_reason_length', `char_length("reason") BETWEEN 1 AND 500`)
@ForeignKey('Company', ['companyId'], ['id'], { onDelete: 'NO ACTION' })
@ForeignKey('Order', ['companyId', 'orderId'], ['companyId', 'id'], { onDelete: 'CASCADE' })
export class OrderStatusHistory {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'text' })
  fromStatus: OrderStatus;

  @Column({ type: 'text' })
  toStatus: OrderStatus;

  /** The cancel reason; null for other transitions. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  actorType: ActorType;

  /** The user or API key; null for the system. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}
