import type { DomainEvents } from '@libs/persistence';
import { ProductResponseDto } from './dto/product.response.dto';
import type { Product } from './entities/product.entity';

/** Publishes `product.*` with the product's response DTO as `data`, and returns that DTO. */
export async function publishProductEvent(
  events: DomainEvents,
  type: string,
  product: Product,
): Promise<ProductResponseDto> {
  const data = ProductResponseDto.from(product);
  await events.publish({ type, aggregateType: 'product', aggregateId: product.id, data });
  return data;
}
