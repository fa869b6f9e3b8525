import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule, RateLimitGuard } from '@libs/core';
import { createDataSourceOptions } from '@libs/persistence';
import { type AppConfig, appConfig, type DatabaseConfig, databaseConfig, secretsConfig } from './config';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './platform/logging.module';

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
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => [
        { name: 'default', ttl: 60_000, limit: config.getOrThrow<AppConfig>('app').rateLimitPerMinute },
      ],
    }),
    CoreModule,
    HealthModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class AppModule {}
