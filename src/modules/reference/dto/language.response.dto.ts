import { ApiProperty } from '@nestjs/swagger';
import type { Language } from '../entities/language.entity';

export class LanguageResponseDto {
  @ApiProperty({ example: 'de', description: 'ISO 639-1 code.' })
  code: string;

  @ApiProperty({ example: 'German', description: 'English name.' })
  name: string;

  @ApiProperty({ example: 'Deutsch', description: 'The name of the language in itself.' })
  nativeName: string;

  static from(language: Language): LanguageResponseDto {
    return { code: language.code, name: language.name, nativeName: language.nativeName };
  }
}
