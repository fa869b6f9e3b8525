import { ApiProperty } from '@nestjs/swagger';
import {
  PRODUCT_STATUSES,
  PRODUCT_TYPES,
  type Product,
  type ProductStatus,
  type ProductType,
} from '../entities/product.entity';

export class ProductResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PRO-PLAN' })
  sku: string;

  @ApiProperty({ example: 'Pro plan' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ enum: PRODUCT_TYPES })
  type: ProductType;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status: ProductStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  categoryId: string | null;

  /** null: the company's default tax rate applies. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  taxRateId: string | null;

  @ApiProperty({ example: 'each' })
  unit: string;

  /** When the product first went on an order or invoice line; such a product cannot be deleted. */
  @ApiProperty({ type: Date, nullable: true })
  firstUsedAt: Date | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  attributes: Record<string, unknown>;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  /** Set on soft-deleted products (`?deleted=only`). */
  @ApiProperty({ type: Date, nullable: true })
  deletedAt: Date | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(product: Product): ProductResponseDto {
    return {
      id: product.id,
      sku: product.sku,
      name: product.name,
      description: product.description,
      type: product.type,
      status: product.status,
      categoryId: product.categoryId,
      taxRateId: product.taxRateId,
      unit: product.unit,
      firstUsedAt: product.firstUsedAt,
      attributes: product.attributes,
      createdAt: product.createdAt,
      createdBy: product.createdBy,
      updatedAt: product.updatedAt,
      updatedBy: product.updatedBy,
      deletedAt: product.deletedAt,
      version: product.version,
    };
  }
}
