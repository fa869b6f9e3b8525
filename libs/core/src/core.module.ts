import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { RequestContextModule } from './context/request-context.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { createValidationPipe } from './validation/validation.pipe';

/**
 * The cross-cutting HTTP behaviour every module gets without asking: request context, problem-details
 * errors, input validation and idempotent POSTs. Needs a TypeORM data source in the application.
 */
@Global()
@Module({
  imports: [RequestContextModule],
  providers: [
    IdempotencyStore,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class CoreModule {}
