import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { CatalogErrorCode, inUse, invalidField, notFound, referenceNotFound } from '../catalog.errors';
import { CategoriesRepository } from './categories.repository';
import type { CreateCategoryDto, ListCategoriesQueryDto, UpdateCategoryDto } from './dto/category.dto';
import { CategoryResponseDto } from './dto/category.response.dto';
import { MAX_CATEGORY_DEPTH, type ProductCategory } from './entities/product-category.entity';

/**
 * The product category tree (SPEC §6): at most 5 levels, no cycles, sibling names unique ignoring
 * case (the database answers a clash with 409). Every change to the tree's shape runs under the
 * company's tree lock, so two concurrent moves cannot build a cycle or a 6th level between them.
 */
@Injectable()
export class CategoriesService {
  constructor(private readonly categories: CategoriesRepository) {}

  async list(query: ListCategoriesQueryDto): Promise<Page<CategoryResponseDto>> {
    return mapPage(await this.categories.listPage(query), (row) => CategoryResponseDto.from(row));
  }

  @Transactional()
  async create(dto: CreateCategoryDto): Promise<CategoryResponseDto> {
    await this.categories.lockTree();
    const parentId = dto.parentId ?? null;
    const depth = parentId ? (await this.depthUnder(parentId, 1)) + 1 : 1;
    const category = await this.categories.rows.insert({
      name: dto.name,
      parentId,
      position: dto.position ?? 0,
    });
    return CategoryResponseDto.from({ ...category, depth });
  }

  @Transactional()
  async update(
    id: string,
    dto: UpdateCategoryDto,
    ifMatch: string | undefined,
  ): Promise<CategoryResponseDto> {
    await this.categories.lockTree();
    const category = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, category.version);
    const changes: Partial<ProductCategory> = {};
    if (dto.name !== undefined && dto.name !== category.name) changes.name = dto.name;
    if (dto.position !== undefined && dto.position !== category.position) changes.position = dto.position;
    if (dto.parentId !== undefined && dto.parentId !== category.parentId) changes.parentId = dto.parentId;
    const parentId = changes.parentId === undefined ? category.parentId : changes.parentId;
    let depth = 1;
    if (parentId) {
      // A move must keep the whole subtree within the depth limit; staying put only needs the depth.
      const height = changes.parentId === undefined ? 1 : await this.categories.subtreeHeight(id);
      depth = (await this.depthUnder(parentId, height, id)) + 1;
    }
    if (Object.keys(changes).length) await this.categories.rows.update(category, changes);
    return CategoryResponseDto.from({ ...category, depth });
  }

  /** Soft-deletes a category without live children and not referenced by any product. */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    await this.categories.lockTree();
    const category = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, category.version);
    if (await this.categories.inUse(id)) {
      throw inUse(
        CatalogErrorCode.CategoryInUse,
        'The category still has subcategories or products (deleted products included); move them first',
      );
    }
    await this.categories.rows.softDelete(id);
  }

  /**
   * The depth of `parentId`, checked as the new parent of a subtree `height` levels high (of the
   * category `movingId`, when it is a move): the parent must exist, must not be inside the moving
   * subtree, and the subtree must still fit in MAX_CATEGORY_DEPTH levels.
   */
  private async depthUnder(
    parentId: string,
    height: number,
    movingId: string | null = null,
  ): Promise<number> {
    const parent = await this.categories.ancestry(parentId, movingId);
    if (!parent) throw referenceNotFound('parentId', 'The parent category');
    if (parent.hasAncestor) {
      throw invalidField(
        'parentId',
        CatalogErrorCode.CategoryCycle,
        'cannot be the category itself or one of its subcategories',
      );
    }
    if (parent.depth + height > MAX_CATEGORY_DEPTH) {
      throw invalidField(
        'parentId',
        CatalogErrorCode.CategoryTooDeep,
        `would put a category deeper than ${MAX_CATEGORY_DEPTH} levels`,
      );
    }
    return parent.depth;
  }

  private async mustFindForUpdate(id: string): Promise<ProductCategory> {
    const category = await this.categories.rows.findLive(id, 'update');
    if (!category) throw notFound('Product category');
    return category;
  }
}
