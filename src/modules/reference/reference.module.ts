import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Country } from './entities/country.entity';
import { Currency } from './entities/currency.entity';
import { Language } from './entities/language.entity';
import { Timezone } from './entities/timezone.entity';
import { ReferenceController } from './reference.controller';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

/** Reference data (schema `ref`): read-only, loaded by a migration, served publicly. */
@Module({
  imports: [TypeOrmModule.forFeature([Country, Currency, Language, Timezone])],
  controllers: [ReferenceController],
  providers: [ReferenceService, ReferenceRepository],
  exports: [ReferenceService],
})
export class ReferenceModule {}
