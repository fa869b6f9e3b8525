import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '@libs/core';
import { createDataSourceOptions, PersistenceModule } from '@libs/persistence';
import { appConfig, type DatabaseConfig, databaseConfig, secretsConfig } from './config';
import { HealthModule } from './health/health.module';
import { AccessModule } from './modules/access';
import { CompaniesModule } from './modules/companies';
import { IdentityModule } from './modules/identity';
import { ReferenceModule } from './modules/reference';
import { LoggingModule } from './platform/logging.module';
import { RateLimitModule } from './platform/rate-limit.module';

/** Composition root: platform modules first, then the business domains. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: true,
      load: [appConfig, databaseConfig, secretsConfig],
    }),
    LoggingModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const db = config.getOrThrow<DatabaseConfig>('database');
        return createDataSourceOptions({ url: db.url, poolSize: db.poolSize, logQueries: db.logQueries });
      },
    }),
    RateLimitModule,
    CoreModule,
    PersistenceModule,
    HealthModule,
    ReferenceModule,
    IdentityModule,
    AccessModule,
    CompaniesModule,
  ],
})
export class AppModule {}
