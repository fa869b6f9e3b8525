import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '@libs/core';
import { createDataSourceOptions, JobsModule, PersistenceModule } from '@libs/persistence';
import {
  appConfig,
  type DatabaseConfig,
  databaseConfig,
  type JobsConfig,
  jobsConfig,
  secretsConfig,
} from './config';
import { HealthModule } from './health/health.module';
import { AccessModule } from './modules/access';
import { AuditModule } from './modules/audit';
import { CatalogModule } from './modules/catalog';
import { CompaniesModule } from './modules/companies';
import { CustomersModule } from './modules/customers';
import { IdentityModule } from './modules/identity';
import { IntegrationsModule } from './modules/integrations';
import { OrdersModule } from './modules/orders';
import { ReferenceModule } from './modules/reference';
import { SettingsModule } from './modules/settings';
import { WebhooksModule } from './modules/webhooks';
import { LoggingModule } from './platform/logging.module';
import { RateLimitModule } from './platform/rate-limit.module';

/** Composition root: platform modules first, then the business domains. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: true,
      load: [appConfig, databaseConfig, secretsConfig, jobsConfig],
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
    JobsModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<JobsConfig>('jobs'),
    }),
    HealthModule,
    ReferenceModule,
    SettingsModule,
    AuditModule,
    IntegrationsModule,
    WebhooksModule,
    IdentityModule,
    AccessModule,
    CompaniesModule,
    CatalogModule,
    CustomersModule,
    OrdersModule,
  ],
})
export class AppModule {}
