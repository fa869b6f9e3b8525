import { Global, Module } from '@nestjs/common';
import { ClsModule, type ClsService } from 'nestjs-cls';
import type { IncomingMessage } from 'node:http';
import type { RequestContextStore } from './request-context';
import { requestIdOf } from './request-id';

function fillContext(cls: ClsService<RequestContextStore>, req: IncomingMessage): void {
  cls.set('requestId', requestIdOf(req));
  cls.set('ip', req.socket?.remoteAddress);
  const userAgent = req.headers['user-agent'];
  cls.set('userAgent', userAgent?.slice(0, 512));
}

/** Opens one request context per HTTP request (see RequestContextStore). */
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
    }),
  ],
})
export class RequestContextModule {}
