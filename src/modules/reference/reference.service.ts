import { Injectable } from '@nestjs/common';
import { mapPage, NotFoundError, type Page } from '@libs/core';
import { CountryResponseDto } from './dto/country.response.dto';
import { CurrencyResponseDto } from './dto/currency.response.dto';
import { LanguageResponseDto } from './dto/language.response.dto';
import type { ListCountriesQueryDto } from './dto/list-countries.query.dto';
import type { ListCurrenciesQueryDto } from './dto/list-currencies.query.dto';
import type { ListLanguagesQueryDto } from './dto/list-languages.query.dto';
import type { ListTimezonesQueryDto } from './dto/list-timezones.query.dto';
import { TimezoneResponseDto } from './dto/timezone.response.dto';
import { ReferenceRepository } from './reference.repository';

/** Read access to the reference data (countries, currencies, languages, time zones). */
@Injectable()
export class ReferenceService {
  constructor(private readonly repository: ReferenceRepository) {}

  async listCountries(query: ListCountriesQueryDto): Promise<Page<CountryResponseDto>> {
    return mapPage(await this.repository.listCountries(query), (c) => CountryResponseDto.from(c));
  }

  /** The code is matched in any case (`au` is `AU`); an unknown one is a NotFoundError. */
  async getCountry(code: string): Promise<CountryResponseDto> {
    const country = await this.repository.findCountryByCode(code.toUpperCase());
    if (!country) throw new NotFoundError(`Country ${code}`);
    return CountryResponseDto.from(country);
  }

  async listCurrencies(query: ListCurrenciesQueryDto): Promise<Page<CurrencyResponseDto>> {
    return mapPage(await this.repository.listCurrencies(query), (c) => CurrencyResponseDto.from(c));
  }

  async listLanguages(query: ListLanguagesQueryDto): Promise<Page<LanguageResponseDto>> {
    return mapPage(await this.repository.listLanguages(query), (l) => LanguageResponseDto.from(l));
  }

  async listTimezones(query: ListTimezonesQueryDto): Promise<Page<TimezoneResponseDto>> {
    return mapPage(await this.repository.listTimezones(query), (t) => TimezoneResponseDto.from(t));
  }
}
