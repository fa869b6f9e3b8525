import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { CatalogErrorCode, inUse, notFound } from '../catalog.errors';
import type { CreateTaxRateDto, ListTaxRatesQueryDto, UpdateTaxRateDto } from './dto/tax-rate.dto';
import { TaxRateResponseDto } from './dto/tax-rate.response.dto';
import type { TaxRate } from './entities/tax-rate.entity';
import { TaxRatesRepository } from './tax-rates.repository';

/**
 * Tax rates (SPEC §6). At most one is the default: making a rate the default unsets the previous one
 * in the same transaction (the partial unique index turns a concurrent race into a 409).
 */
@Injectable()
export class TaxRatesService {
  constructor(private readonly taxRates: TaxRatesRepository) {}

  async list(query: ListTaxRatesQueryDto): Promise<Page<TaxRateResponseDto>> {
    return mapPage(await this.taxRates.listPage(query), (rate) => TaxRateResponseDto.from(rate));
  }

  @Transactional()
  async create(dto: CreateTaxRateDto): Promise<TaxRateResponseDto> {
    if (dto.isDefault) await this.taxRates.clearDefault(null);
    const rate = await this.taxRates.rows.insert({
      name: dto.name,
      ratePercent: dto.ratePercent,
      inclusive: dto.inclusive ?? false,
      isDefault: dto.isDefault ?? false,
    });
    return TaxRateResponseDto.from(rate);
  }

  @Transactional()
  async update(id: string, dto: UpdateTaxRateDto, ifMatch: string | undefined): Promise<TaxRateResponseDto> {
    const rate = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, rate.version);
    const changes = Object.fromEntries(
      Object.entries(dto).filter(
        ([key, value]) => value !== undefined && value !== rate[key as keyof TaxRate],
      ),
    ) as Partial<TaxRate>;
    if (changes.isDefault) await this.taxRates.clearDefault(id);
    if (Object.keys(changes).length) await this.taxRates.rows.update(rate, changes);
    return TaxRateResponseDto.from(rate);
  }

  /** Soft-deletes a rate no product (deleted ones included) references. */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const rate = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, rate.version);
    if (await this.taxRates.inUse(id)) {
      throw inUse(
        CatalogErrorCode.TaxRateInUse,
        'Products (deleted ones included) use this tax rate; give them another rate first',
      );
    }
    await this.taxRates.rows.softDelete(id);
  }

  private async mustFindForUpdate(id: string): Promise<TaxRate> {
    const rate = await this.taxRates.rows.findLive(id, 'update');
    if (!rate) throw notFound('Tax rate');
    return rate;
  }
}
