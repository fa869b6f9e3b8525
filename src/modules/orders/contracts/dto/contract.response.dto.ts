import { ApiProperty } from '@nestjs/swagger';
import { OrderItemBandResponseDto } from '../../orders/dto/order.response.dto';
import { CONTRACT_STATUSES, type ContractStatus } from '../contract-state-machine';
import type { Contract } from '../entities/contract.entity';

export class ContractResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  orderId: string;

  /** The subscription line it came from; null for a renewal. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orderItemId: string | null;

  @ApiProperty({ format: 'uuid' })
  customerId: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty({ format: 'uuid' })
  durationId: string;

  @ApiProperty({ example: 5 })
  quantity: number;

  @ApiProperty({ example: 'AUD' })
  currency: string;

  @ApiProperty({ example: 12 })
  months: number;

  @ApiProperty({ format: 'date', example: '2026-01-31' })
  startDate: string;

  /** start + months, clamped to the month's end; the term is [startDate, endDate). */
  @ApiProperty({ format: 'date', example: '2026-02-28' })
  endDate: string;

  @ApiProperty({ format: 'date', example: '2026-02-28' })
  renewalDate: string;

  @ApiProperty({ enum: CONTRACT_STATUSES })
  status: ContractStatus;

  @ApiProperty({ type: () => [OrderItemBandResponseDto] })
  bands: OrderItemBandResponseDto[];

  @ApiProperty({ example: '1200.00' })
  gross: string;

  @ApiProperty({ example: '0.00' })
  discount: string;

  @ApiProperty({ example: '1200.00' })
  subtotal: string;

  @ApiProperty({ example: '120.00' })
  tax: string;

  @ApiProperty({ example: '1320.00' })
  total: string;

  @ApiProperty({ type: Date, nullable: true })
  activatedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  terminatedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  terminationReason: string | null;

  /** The contract this one renews. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousContractId: string | null;

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

  static from(contract: Contract): ContractResponseDto {
    return {
      id: contract.id,
      orderId: contract.orderId,
      orderItemId: contract.orderItemId,
      customerId: contract.customerId,
      productId: contract.productId,
      durationId: contract.durationId,
      quantity: contract.quantity,
      currency: contract.currency,
      months: contract.months,
      startDate: contract.startDate,
      endDate: contract.endDate,
      renewalDate: contract.renewalDate,
      status: contract.status,
      bands: contract.bands,
      gross: contract.gross,
      discount: contract.discount,
      subtotal: contract.subtotal,
      tax: contract.tax,
      total: contract.total,
      activatedAt: contract.activatedAt,
      terminatedAt: contract.terminatedAt,
      terminationReason: contract.terminationReason,
      previousContractId: contract.previousContractId,
      createdAt: contract.createdAt,
      createdBy: contract.createdBy,
      updatedAt: contract.updatedAt,
      updatedBy: contract.updatedBy,
      version: contract.version,
    };
  }
}
