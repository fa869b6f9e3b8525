import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AppError, assertIfMatch, CoreErrorCode, mapPage, type Page, type Principal } from '@libs/core';
import { DomainEvents } from '@libs/persistence';
import { CategoriesRepository } from '../categories/categories.repository';
import { CatalogErrorCode, inUse, invalidTransition, notFound, referenceNotFound } from '../catalog.errors';
import { CatalogEvent } from '../catalog.events';
import { CatalogPermission } from '../catalog.permissions';
import { TaxRatesRepository } from '../tax-rates/tax-rates.repository';
import type { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import type { ListProductsQueryDto } from './dto/list-products.query.dto';
import { ProductResponseDto } from './dto/product.response.dto';
import type { Product } from './entities/product.entity';
import { publishProductEvent } from './product-events';
import { ProductsRepository } from './products.repository';

/**
 * Products (SPEC §6): CRUD with soft delete and restore, archive/unarchive. Every change publishes
 * its `product.*` event in the same transaction. References to a category or a tax rate are locked
 * (FOR SHARE) while the product is written, so a concurrent delete of that category or rate cannot
 * slip in between the check and the commit.
 */
@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly categories: CategoriesRepository,
    private readonly taxRates: TaxRatesRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(query: ListProductsQueryDto, principal: Principal): Promise<Page<ProductResponseDto>> {
    if (query.deleted === 'only' && !principal.permissions.has(CatalogPermission.ProductWrite)) {
      throw new AppError(
        403,
        CoreErrorCode.Forbidden,
        `Listing deleted products requires the permission \`${CatalogPermission.ProductWrite}\``,
      );
    }
    return mapPage(await this.products.listPage(query), (p) => ProductResponseDto.from(p));
  }

  async get(id: string): Promise<ProductResponseDto> {
    const product = await this.products.rows.findLive(id);
    if (!product) throw notFound('Product');
    return ProductResponseDto.from(product);
  }

  @Transactional()
  async create(dto: CreateProductDto): Promise<ProductResponseDto> {
    await this.assertReferences(dto);
    const product = await this.products.rows.insert({
      sku: dto.sku,
      name: dto.name,
      description: dto.description ?? null,
      type: dto.type,
      status: 'active',
      categoryId: dto.categoryId ?? null,
      taxRateId: dto.taxRateId ?? null,
      unit: dto.unit ?? 'each',
      attributes: dto.attributes ?? {},
      firstUsedAt: null,
    });
    return this.published(CatalogEvent.ProductCreated, product);
  }

  @Transactional()
  async update(id: string, dto: UpdateProductDto, ifMatch: string | undefined): Promise<ProductResponseDto> {
    const product = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, product.version);
    const changes = Object.fromEntries(
      Object.entries(dto).filter(
        ([key, value]) => value !== undefined && value !== product[key as keyof Product],
      ),
    ) as Partial<Product>;
    if (Object.keys(changes).length === 0) return ProductResponseDto.from(product);
    await this.assertReferences(changes);
    await this.products.rows.update(product, changes);
    return this.published(CatalogEvent.ProductUpdated, product);
  }

  /** Soft delete; a product that ever went on a document line is archived instead (409). */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const product = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, product.version);
    if (product.firstUsedAt) {
      throw inUse(
        CatalogErrorCode.ProductInUse,
        'The product is used on orders or invoices and cannot be deleted; archive it instead',
      );
    }
    await this.products.rows.softDelete(id);
  }

  /** Brings a soft-deleted product back (a live one is returned as it is). 409 if its SKU was reused. */
  @Transactional()
  async restore(id: string, ifMatch: string | undefined): Promise<ProductResponseDto> {
    const product = await this.products.findAny(id, 'update');
    if (!product) throw notFound('Product');
    assertIfMatch(ifMatch, product.version);
    if (product.deletedAt) await this.products.rows.update(product, { deletedAt: null, deletedBy: null });
    return ProductResponseDto.from(product);
  }

  @Transactional()
  async archive(id: string, ifMatch: string | undefined): Promise<ProductResponseDto> {
    const product = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, product.version);
    if (product.status === 'archived') throw invalidTransition('archived', ['unarchive']);
    await this.products.rows.update(product, { status: 'archived' });
    return this.published(CatalogEvent.ProductArchived, product);
  }

  @Transactional()
  async unarchive(id: string, ifMatch: string | undefined): Promise<ProductResponseDto> {
    const product = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, product.version);
    if (product.status === 'active') throw invalidTransition('active', ['archive']);
    await this.products.rows.update(product, { status: 'active' });
    return this.published(CatalogEvent.ProductUpdated, product);
  }

  private async mustFindForUpdate(id: string): Promise<Product> {
    const product = await this.products.rows.findLive(id, 'update');
    if (!product) throw notFound('Product');
    return product;
  }

  /** The category and tax rate a product will point to must be live rows of the company. */
  private async assertReferences(fields: {
    categoryId?: string | null;
    taxRateId?: string | null;
  }): Promise<void> {
    if (fields.categoryId && !(await this.categories.rows.findLive(fields.categoryId, 'share'))) {
      throw referenceNotFound('categoryId', 'The category');
    }
    if (fields.taxRateId && !(await this.taxRates.rows.findLive(fields.taxRateId, 'share'))) {
      throw referenceNotFound('taxRateId', 'The tax rate');
    }
  }

  private published(type: string, product: Product): Promise<ProductResponseDto> {
    return publishProductEvent(this.events, type, product);
  }
}
