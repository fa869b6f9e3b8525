import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Page, PageResponseOf, Public } from '@libs/core';
import { CacheForADayInterceptor } from './cache-for-a-day.interceptor';
import { CountryResponseDto } from './dto/country.response.dto';
import { CurrencyResponseDto } from './dto/currency.response.dto';
import { LanguageResponseDto } from './dto/language.response.dto';
import { ListCountriesQueryDto } from './dto/list-countries.query.dto';
import { ListCurrenciesQueryDto } from './dto/list-currencies.query.dto';
import { ListLanguagesQueryDto } from './dto/list-languages.query.dto';
import { ListTimezonesQueryDto } from './dto/list-timezones.query.dto';
import { TimezoneResponseDto } from './dto/timezone.response.dto';
import { ReferenceService } from './reference.service';

/** Open, read-only lists that the forms and validations of every other module draw on. */
@ApiTags('reference')
@Public()
@Controller('reference')
@UseInterceptors(CacheForADayInterceptor)
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** Countries and territories of ISO 3166-1. */
  @Get('countries')
  @ApiOkResponse({ type: PageResponseOf(CountryResponseDto) })
  listCountries(@Query() query: ListCountriesQueryDto): Promise<Page<CountryResponseDto>> {
    return this.reference.listCountries(query);
  }

  /** One country by its ISO 3166-1 alpha-2 code, in any case. */
  @Get('countries/:code')
  @ApiParam({ name: 'code', example: 'AU' })
  @ApiOkResponse({ type: CountryResponseDto })
  @ApiNotFoundResponse({ description: 'No country has this code.' })
  getCountry(@Param('code') code: string): Promise<CountryResponseDto> {
    return this.reference.getCountry(code);
  }

  /** Currencies and funds of ISO 4217. */
  @Get('currencies')
  @ApiOkResponse({ type: PageResponseOf(CurrencyResponseDto) })
  listCurrencies(@Query() query: ListCurrenciesQueryDto): Promise<Page<CurrencyResponseDto>> {
    return this.reference.listCurrencies(query);
  }

  /** Languages of ISO 639-1. */
  @Get('languages')
  @ApiOkResponse({ type: PageResponseOf(LanguageResponseDto) })
  listLanguages(@Query() query: ListLanguagesQueryDto): Promise<Page<LanguageResponseDto>> {
    return this.reference.listLanguages(query);
  }

  /** IANA time zones. */
  @Get('timezones')
  @ApiOkResponse({ type: PageResponseOf(TimezoneResponseDto) })
  listTimezones(@Query() query: ListTimezonesQueryDto): Promise<Page<TimezoneResponseDto>> {
    return this.reference.listTimezones(query);
  }
}
