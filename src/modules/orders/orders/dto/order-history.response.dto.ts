import { ApiProperty } from '@nestjs/swagger';
import type { OrderStatusHistory } from '../entities/order-status-history.entity';
import { ORDER_STATUSES, type OrderStatus } from '../order-state-machine';

export class OrderHistoryEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  fromStatus: OrderStatus;

  @ApiProperty({ enum: ORDER_STATUSES })
  toStatus: OrderStatus;

  /** The cancel reason; null for other transitions. */
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  actorType: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty()
  at: Date;

  static from(entry: OrderStatusHistory): OrderHistoryEntryResponseDto {
    return {
      id: entry.id,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      reason: entry.reason,
      actorType: entry.actorType,
      actorId: entry.actorId,
      at: entry.at,
    };
  }
}

/** One action the order could take next, and whether the caller may take it now. */
export class NextStateResponseDto {
  @ApiProperty({ enum: ['submit', 'confirm', 'fulfil', 'complete', 'cancel'] })
  action: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  to: OrderStatus;

  @ApiProperty()
  allowed: boolean;

  /**
   * Why not, as the error codes the action would answer with now: `forbidden` (the caller lacks its
   * permission), `order_empty`, `customer_blocked`, `product_archived`...
   */
  @ApiProperty({ type: [String], example: [] })
  reasons: string[];
}
