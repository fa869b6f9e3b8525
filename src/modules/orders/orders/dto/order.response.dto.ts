import { ApiProperty } from '@nestjs/swagger';
import type { Order } from '../entities/order.entity';
import type { OrderLine } from '../entities/order-item.entity';
import { ORDER_STATUSES, type OrderStatus } from '../order-state-machine';

export class OrderItemBandResponseDto {
  @ApiProperty({ example: 11 })
  minQty: number;

  @ApiProperty({ type: Number, nullable: true, example: 50 })
  maxQty: number | null;

  @ApiProperty({ example: '8.0000' })
  unitPrice: string;

  /** Units of the line priced in this band. */
  @ApiProperty({ example: 15 })
  quantity: number;

  @ApiProperty({ example: '120.00' })
  amount: string;
}

/** A line with its price snapshot (a preview on drafts, frozen from submit on). */
export class OrderItemResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty({ example: 25 })
  quantity: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  durationId: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  startDate: string | null;

  @ApiProperty({ example: '0.00' })
  discountPercent: string;

  @ApiProperty({ example: 'WIDGET-1' })
  sku: string;

  @ApiProperty({ example: 'Widget' })
  name: string;

  @ApiProperty({ enum: ['good', 'service', 'subscription'] })
  productType: string;

  @ApiProperty({ enum: ['graduated', 'volume'] })
  tierMode: string;

  @ApiProperty({ type: () => [OrderItemBandResponseDto] })
  bands: OrderItemBandResponseDto[];

  @ApiProperty({ example: 1 })
  months: number;

  @ApiProperty({ example: '0.00' })
  durationDiscountPercent: string;

  @ApiProperty({ example: '220.00' })
  gross: string;

  @ApiProperty({ example: '0.00' })
  discountAmount: string;

  @ApiProperty({ example: '220.00' })
  subtotal: string;

  @ApiProperty({ example: '10.000' })
  taxRatePercent: string;

  @ApiProperty()
  taxInclusive: boolean;

  @ApiProperty({ example: '22.00' })
  taxAmount: string;

  @ApiProperty({ example: '242.00' })
  total: string;

  @ApiProperty({ example: '8.8000' })
  unitPriceEffective: string;

  static from(item: OrderLine): OrderItemResponseDto {
    return {
      id: item.id,
      position: item.position,
      productId: item.productId,
      quantity: item.quantity,
      durationId: item.durationId,
      startDate: item.startDate,
      discountPercent: item.discountPercent,
      sku: item.sku,
      name: item.name,
      productType: item.productType,
      tierMode: item.tierMode,
      bands: item.bands,
      months: item.months,
      durationDiscountPercent: item.durationDiscountPercent,
      gross: item.gross,
      discountAmount: item.discountAmount,
      subtotal: item.subtotal,
      taxRatePercent: item.taxRatePercent,
      taxInclusive: item.taxInclusive,
      taxAmount: item.taxAmount,
      total: item.total,
      unitPriceEffective: item.unitPriceEffective,
    };
  }
}

/** An order as lists show it: its own fields and totals, without lines. */
export class OrderSummaryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** Null until submit. */
  @ApiProperty({ type: String, nullable: true, example: 'ORD-2026-000123' })
  number: string | null;

  @ApiProperty({ format: 'uuid' })
  customerId: string;

  @ApiProperty({ example: 'AUD' })
  currency: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status: OrderStatus;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { erp: 'SO-881' } })
  externalRefs: Record<string, string>;

  @ApiProperty({ example: '220.00' })
  subtotal: string;

  @ApiProperty({ example: '0.00' })
  discountTotal: string;

  @ApiProperty({ example: '22.00' })
  taxTotal: string;

  @ApiProperty({ example: '242.00' })
  total: string;

  @ApiProperty({ type: Date, nullable: true })
  submittedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  confirmedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  fulfilledAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  cancelledAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(order: Order): OrderSummaryResponseDto {
    return {
      id: order.id,
      number: order.number,
      customerId: order.customerId,
      currency: order.currency,
      status: order.status,
      notes: order.notes,
      externalRefs: order.externalRefs,
      subtotal: order.subtotal,
      discountTotal: order.discountTotal,
      taxTotal: order.taxTotal,
      total: order.total,
      submittedAt: order.submittedAt,
      confirmedAt: order.confirmedAt,
      fulfilledAt: order.fulfilledAt,
      completedAt: order.completedAt,
      cancelledAt: order.cancelledAt,
      cancelReason: order.cancelReason,
      createdAt: order.createdAt,
      createdBy: order.createdBy,
      updatedAt: order.updatedAt,
      updatedBy: order.updatedBy,
      version: order.version,
    };
  }
}

/** An order with its lines (GET /orders/:id and every change). */
export class OrderResponseDto extends OrderSummaryResponseDto {
  @ApiProperty({ type: () => [OrderItemResponseDto] })
  items: OrderItemResponseDto[];

  static withItems(order: Order, items: readonly OrderLine[]): OrderResponseDto {
    return {
      ...OrderSummaryResponseDto.from(order),
      items: items.map((item) => OrderItemResponseDto.from(item)),
    };
  }
}
