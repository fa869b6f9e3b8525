import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from '@libs/core';
import type { AppConfig } from '../config';

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress: string;
}

/**
 * JSON logs (pretty on a terminal): one line per request, and the request id (`req.id`) on every line
 * logged while serving it. Requests are logged by an allow-list of fields, never their headers or
 * bodies, so credentials and tokens cannot reach the log (and serializing stays cheap).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const app = config.getOrThrow<AppConfig>('app');
        return {
          pinoHttp: {
            level: app.logLevel,
            genReqId: (req: IncomingMessage) => requestIdOf(req),
            // pino-http hands these its standard request/response summaries; keep a few fields.
            serializers: {
              req: (req: LoggedRequest) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            transport:
              process.stdout.isTTY && !app.isProduction
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
            autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
