// The public API of the reference module: other modules import only from here.
export { ReferenceModule } from './reference.module';
export { ReferenceService } from './reference.service';
export { CountryResponseDto } from './dto/country.response.dto';
export { CurrencyResponseDto } from './dto/currency.response.dto';
export { LanguageResponseDto } from './dto/language.response.dto';
export { TimezoneResponseDto } from './dto/timezone.response.dto';
