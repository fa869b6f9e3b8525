import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, etagOf, IfMatch, ParseIdPipe } from '@libs/core';
import { CatalogPermission } from '../catalog.permissions';
import { GetPriceLaddersQueryDto, PutPriceLadderDto } from './dto/price-ladder.dto';
import { PriceLadderResponseDto, PriceLaddersResponseDto } from './dto/price-ladder.response.dto';
import { PricesService } from './prices.service';

/** Price ladders of a product, one per currency; they change under the product's ETag. */
@ApiTags('catalog')
@Controller('products/:id/price-tiers')
export class PricesController {
  constructor(private readonly prices: PricesService) {}

  /** The product's ladders (`?currency=` for one); the ETag is the product's. */
  @Get()
  @Auth(CatalogPermission.ProductRead)
  @ApiOkResponse({ type: PriceLaddersResponseDto })
  @ApiNotFoundResponse({ description: 'No such product in the active company.' })
  async getPriceLadders(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: GetPriceLaddersQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PriceLaddersResponseDto> {
    const { version, ladders } = await this.prices.list(id, query.currency ?? null);
    void reply.header('etag', etagOf(version));
    return { data: ladders };
  }

  /** Replaces the ladder of `currency` atomically. Honours the product's If-Match. */
  @Put()
  @Auth(CatalogPermission.PriceWrite)
  @ApiOkResponse({ type: PriceLadderResponseDto })
  @ApiBadRequestResponse({
    description:
      '`tiers[i].<field>`: `tier_not_from_one`, `tier_gap`, `tier_overlap`, `open_band_not_last`, `invalid_price`; `currency`: `reference_not_found`',
  })
  @ApiNotFoundResponse({ description: 'No such product in the active company.' })
  async putPriceLadder(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: PutPriceLadderDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PriceLadderResponseDto> {
    const { ladder, version } = await this.prices.replace(id, dto, ifMatch);
    void reply.header('etag', etagOf(version));
    return ladder;
  }

  /** Removes the ladder of one currency. Honours the product's If-Match. */
  @Delete(':currency')
  @HttpCode(204)
  @Auth(CatalogPermission.PriceWrite)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such product, or it has no ladder in this currency.' })
  async deletePriceLadder(
    @Param('id', ParseIdPipe) id: string,
    @Param('currency') currency: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.prices.remove(id, currency.toUpperCase(), ifMatch);
  }
}
