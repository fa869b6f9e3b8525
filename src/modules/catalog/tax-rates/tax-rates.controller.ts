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
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { CatalogPermission } from '../catalog.permissions';
import { CreateTaxRateDto, ListTaxRatesQueryDto, UpdateTaxRateDto } from './dto/tax-rate.dto';
import { TaxRateResponseDto } from './dto/tax-rate.response.dto';
import { TaxRatesService } from './tax-rates.service';

/** Tax rates of the active company. */
@ApiTags('catalog')
@Controller('tax-rates')
export class TaxRatesController {
  constructor(private readonly taxRates: TaxRatesService) {}

  /** The company's tax rates, by name unless `sort` says otherwise. */
  @Get()
  @Auth(CatalogPermission.TaxRateRead)
  @ApiOkResponse({ type: PageResponseOf(TaxRateResponseDto) })
  listTaxRates(@Query() query: ListTaxRatesQueryDto): Promise<Page<TaxRateResponseDto>> {
    return this.taxRates.list(query);
  }

  /** A tax rate; `isDefault` makes it the default and unsets the previous one. */
  @Post()
  @Auth(CatalogPermission.TaxRateWrite)
  @ApiCreatedResponse({ type: TaxRateResponseDto })
  @ApiConflictResponse({ description: 'Another rate has this name' })
  async createTaxRate(
    @Body() dto: CreateTaxRateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaxRateResponseDto> {
    return withEtag(reply, await this.taxRates.create(dto));
  }

  /** Honours If-Match. */
  @Patch(':id')
  @Auth(CatalogPermission.TaxRateWrite)
  @ApiOkResponse({ type: TaxRateResponseDto })
  @ApiNotFoundResponse({ description: 'No such tax rate in the active company.' })
  async updateTaxRate(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateTaxRateDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaxRateResponseDto> {
    return withEtag(reply, await this.taxRates.update(id, dto, ifMatch));
  }

  /** Soft-deletes a rate no product uses. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CatalogPermission.TaxRateWrite)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such tax rate in the active company.' })
  @ApiConflictResponse({ description: '`tax_rate_in_use`' })
  async deleteTaxRate(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.taxRates.delete(id, ifMatch);
  }
}
