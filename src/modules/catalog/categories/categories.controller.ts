import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { CatalogPermission } from '../catalog.permissions';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto, ListCategoriesQueryDto, UpdateCategoryDto } from './dto/category.dto';
import { CategoryResponseDto } from './dto/category.response.dto';

/** The product category tree of the active company. */
@ApiTags('catalog')
@Controller('product-categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** Categories in tree order (depth-first; siblings by position, then creation); filter parentId. */
  @Get()
  @Auth(CatalogPermission.CategoryRead)
  @ApiOkResponse({ type: PageResponseOf(CategoryResponseDto) })
  listCategories(@Query() query: ListCategoriesQueryDto): Promise<Page<CategoryResponseDto>> {
    return this.categories.list(query);
  }

  /** A category at the root or under `parentId` (at most 5 levels deep). */
  @Post()
  @Auth(CatalogPermission.CategoryWrite)
  @ApiCreatedResponse({ type: CategoryResponseDto })
  @ApiBadRequestResponse({ description: '`reference_not_found` or `category_too_deep` (`parentId`)' })
  @ApiConflictResponse({ description: 'A sibling already has this name' })
  async createCategory(
    @Body() dto: CreateCategoryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryResponseDto> {
    return withEtag(reply, await this.categories.create(dto));
  }

  /** Renames, reorders or moves a category with its subtree. Honours If-Match. */
  @Patch(':id')
  @Auth(CatalogPermission.CategoryWrite)
  @ApiOkResponse({ type: CategoryResponseDto })
  @ApiBadRequestResponse({ description: '`category_cycle`, `category_too_deep`, `reference_not_found`' })
  @ApiNotFoundResponse({ description: 'No such category in the active company.' })
  async updateCategory(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateCategoryDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryResponseDto> {
    return withEtag(reply, await this.categories.update(id, dto, ifMatch));
  }

  /** Soft-deletes a category that has no subcategories and no products. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CatalogPermission.CategoryWrite)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such category in the active company.' })
  @ApiConflictResponse({ description: '`category_in_use`' })
  async deleteCategory(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.categories.delete(id, ifMatch);
  }
}
