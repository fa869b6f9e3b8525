import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '@libs/core';
import { CatalogPermission } from '../catalog.permissions';
import { CatalogPricing } from './catalog-pricing';
import { QuoteRequestDto } from './dto/quote.dto';
import { QuoteResponseDto } from './dto/quote.response.dto';

@ApiTags('catalog')
@Controller('pricing')
export class PricingController {
  constructor(private readonly pricing: CatalogPricing) {}

  /** Prices lines with the catalog's current ladders, durations and tax rates; saves nothing. */
  @Post('quote')
  @HttpCode(200)
  @Auth(CatalogPermission.PricingQuote)
  @ApiOkResponse({ type: QuoteResponseDto })
  @ApiBadRequestResponse({
    description:
      '`items[i].productId`: `reference_not_found`, `product_archived`, `no_price_in_currency`; `items[i].durationId`: `duration_required`, `duration_not_applicable`, `duration_inactive`, `reference_not_found`; `items[i].quantity`, `items[i].discountPercent`',
  })
  quote(@Body() dto: QuoteRequestDto): Promise<QuoteResponseDto> {
    return this.pricing.quote(dto);
  }
}
