import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from '@libs/core';
import type { AppConfig } from '../config';

/**
 * JSON logs (pretty on a terminal), one line per request, the request id on every line. Credentials
 * and tokens are redacted wherever they might appear in a logged request.
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
            genReqId: (req) => requestIdOf(req),
            customProps: (req) => ({ requestId: requestIdOf(req) }),
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'req.headers["x-api-key"]',
                'res.headers["set-cookie"]',
              ],
              censor: '[redacted]',
            },
            transport:
              process.stdout.isTTY && !app.isProduction
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
