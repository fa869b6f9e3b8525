import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Auth,
  CurrentPrincipal,
  IfMatch,
  type Page,
  PageResponseOf,
  ParseIdPipe,
  type Principal,
  withEtag,
} from '@libs/core';
import { CatalogPermission } from '../catalog.permissions';
import { ListProductsQueryDto } from './dto/list-products.query.dto';
import { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import { ProductResponseDto } from './dto/product.response.dto';
import { ProductsService } from './products.service';

const NOT_FOUND = 'No such product in the active company.';

/** Products of the active company. */
@ApiTags('catalog')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Filters type, status, categoryId, sku; `q` searches name and SKU; sort name, sku, createdAt. */
  @Get()
  @Auth(CatalogPermission.ProductRead)
  @ApiOkResponse({ type: PageResponseOf(ProductResponseDto) })
  listProducts(
    @Query() query: ListProductsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ProductResponseDto>> {
    return this.products.list(query, principal);
  }

  /** One product of the active company, with its ETag. */
  @Get(':id')
  @Auth(CatalogPermission.ProductRead)
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async getProduct(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.get(id));
  }

  /** A product (active); its prices are set per currency with PUT /products/:id/price-tiers. */
  @Post()
  @Auth(CatalogPermission.ProductWrite)
  @ApiCreatedResponse({ type: ProductResponseDto })
  @ApiConflictResponse({ description: 'Another product has this SKU' })
  async createProduct(
    @Body() dto: CreateProductDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.create(dto));
  }

  /** Honours If-Match. */
  @Patch(':id')
  @Auth(CatalogPermission.ProductWrite)
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async updateProduct(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateProductDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.update(id, dto, ifMatch));
  }

  /** Soft delete. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CatalogPermission.ProductWrite)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: '`product_in_use`: it is on orders or invoices; archive it instead' })
  async deleteProduct(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.products.delete(id, ifMatch);
  }

  /** Undoes a soft delete. Honours If-Match. */
  @Post(':id/restore')
  @HttpCode(200)
  @Auth(CatalogPermission.ProductWrite)
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'A live product took its SKU meanwhile' })
  async restoreProduct(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.restore(id, ifMatch));
  }

  /** No new quote or order lines; existing documents are untouched. Honours If-Match. */
  @Post(':id/archive')
  @HttpCode(200)
  @Auth(CatalogPermission.ProductWrite)
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: '`invalid_transition`: already archived' })
  async archiveProduct(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.archive(id, ifMatch));
  }

  /** Honours If-Match. */
  @Post(':id/unarchive')
  @HttpCode(200)
  @Auth(CatalogPermission.ProductWrite)
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: '`invalid_transition`: not archived' })
  async unarchiveProduct(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    return withEtag(reply, await this.products.unarchive(id, ifMatch));
  }
}
