import { Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule, type ClsService } from 'nestjs-cls';
import type { IncomingMessage } from 'node:http';
import type { RequestContextStore } from './request-context';
import { requestIdOf } from './request-id';

function fillContext(cls: ClsService<RequestContextStore>, req: IncomingMessage): void {
  cls.set('requestId', requestIdOf(req));
  const userAgent = req.headers['user-agent'];
  cls.set('userAgent', userAgent?.slice(0, 512));
}

/**
 * Opens one request context per HTTP request (see RequestContextStore), and carries the ambient
 * transaction: services mark units of work with `@Transactional()` and repositories reach the
 * current EntityManager through `TransactionHost<TransactionalAdapterTypeOrm>.tx`.
 */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: (req: IncomingMessage) => requestIdOf(req),
        setup: (cls, req: IncomingMessage) => fillContext(cls, req),
      },
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
})
export class RequestContextModule {}
